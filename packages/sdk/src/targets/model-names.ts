/** Claude Code's model aliases and the model each stands for, as a target that runs Claude names it. */
export const CLAUDE_MODEL_ALIASES: Readonly<Record<string, string>> = {
  sonnet: "claude-sonnet-4-5",
  opus: "claude-opus-4-1",
  haiku: "claude-haiku-4-5",
};

/** A model a target file can name, or why the line is left out. */
export type TranslatedModel = { model: string } | { model: undefined; why?: string };

/**
 * An agent's `model` for a target. No model, or `inherit`, is none: each tool then uses its own
 * default, as Claude Code does. OpenCode names Claude models `anthropic/<id>`, Copilot with dots for
 * the version (`claude-sonnet-4.5`); Gemini CLI, Codex and Cursor cannot be given a Claude model by
 * name, so the line is left out and the caller reports why.
 *
 * @example
 * translateModel("sonnet", "opencode"); // { model: "anthropic/claude-sonnet-4-5" }
 * translateModel("claude-opus-4-1-20250805", "copilot"); // { model: "claude-opus-4.1" }
 */
export function translateModel(model: string | undefined, target: "opencode" | "copilot" | "gemini" | "codex" | "cursor" | "qwen"): TranslatedModel {
  if (model === undefined || model === "inherit") return { model: undefined };
  const id = CLAUDE_MODEL_ALIASES[model.toLowerCase()] ?? model;
  const claude = /^claude-[a-z0-9.-]+$/.test(id);
  if (target === "opencode") return claude ? { model: `anthropic/${id}` } : { model: undefined, why: `${model} is not a Claude model OpenCode can name` };
  if (target === "copilot") {
    // claude-sonnet-4-5-20250929 → claude-sonnet-4.5
    const named = /^(claude-[a-z]+)-(\d+)(?:-(\d{1,2}))?(?:-\d{8})?$/.exec(id);
    return named ? { model: `${named[1]}-${named[2]}${named[3] === undefined ? "" : `.${named[3]}`}` } : { model: undefined, why: `${model} has no Copilot model name agentreg knows` };
  }
  const tool = target === "gemini" ? "Gemini CLI runs Gemini models" : target === "codex" ? "Codex runs OpenAI models" : target === "qwen" ? "Qwen Code would read a Claude alias as a model id of its provider" : "Cursor's model names differ";
  return { model: undefined, why: `${tool}; the agent uses the tool's default model instead of ${model}` };
}
