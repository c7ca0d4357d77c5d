import * as z from "zod";
import { PERMISSION_MODES } from "./frontmatter-fields.js";

/** `tools: Read, Grep` and `tools: [Read, Grep]` are both accepted by Claude Code. */
const stringOrList = (field: string) =>
  z.union([z.string(), z.array(z.string())], {
    error: `\`${field}\` must be a comma-separated string or a list of strings`,
  });

/**
 * The known fields of an agent's frontmatter. Unknown fields pass through untouched: Claude Code
 * ignores them, so the validator only warns. `color` is any string here because Claude Code drops
 * an unknown colour instead of refusing the file; the validator warns about that separately.
 */
export const agentFrontmatterSchema = z.looseObject({
  name: z.string({ error: "`name` must be a string" }),
  description: z.string({ error: "`description` must be a string" }),
  tools: stringOrList("tools").optional(),
  disallowedTools: stringOrList("disallowedTools").optional(),
  // Any string: Claude Code passes an unknown model on as written, so the validator only warns
  // (`model-unknown`); new aliases appear faster than releases (issue 13).
  model: z.string({ error: "`model` must be a string" }).optional(),
  color: z.string({ error: "`color` must be a string" }).optional(),
  permissionMode: z
    .enum(PERMISSION_MODES, { error: `\`permissionMode\` must be one of ${PERMISSION_MODES.join(", ")}` })
    .optional(),
  skills: stringOrList("skills").optional(),
  mcpServers: z
    .union([z.record(z.string(), z.unknown()), z.array(z.unknown())], {
      error: "`mcpServers` must be a mapping of server names or a list",
    })
    .optional(),
  hooks: z.record(z.string(), z.unknown(), { error: "`hooks` must be a mapping of event names" }).optional(),
});

/** Agent frontmatter after schema validation; unknown fields are kept as `unknown`. */
export type AgentFrontmatter = z.infer<typeof agentFrontmatterSchema>;
