import { describe, expect, it } from "vitest";
import { suggestSpelling } from "./suggest-spelling.js";

const FIELDS = ["name", "description", "tools", "disallowedTools", "model", "color", "permissionMode", "skills", "mcpServers", "hooks"];
const TOOLS = ["Bash", "Edit", "Glob", "Grep", "Read", "Write", "WebFetch", "WebSearch", "TodoWrite", "Task"];

describe("suggestSpelling", () => {
  it.each<[string, readonly string[], string | undefined]>([
    // Another case or other separators: the same word.
    ["bash", TOOLS, "Bash"],
    ["grep", TOOLS, "Grep"],
    ["GREP", TOOLS, "Grep"],
    ["webfetch", TOOLS, "WebFetch"],
    ["disallowed_tools", FIELDS, "disallowedTools"],
    ["disallowed-tools", FIELDS, "disallowedTools"],
    ["Model", FIELDS, "model"],
    // Typos: one or two edits, a swap counting as one.
    ["colour", FIELDS, "color"],
    ["tool", FIELDS, "tools"],
    ["Bsh", TOOLS, "Bash"],
    ["Bassh", TOOLS, "Bash"],
    ["Gerp", TOOLS, "Grep"],
    ["descripton", FIELDS, "description"],
    ["WebSerch", TOOLS, "WebSearch"],
    ["permisionMode", FIELDS, "permissionMode"],
    // Nothing close enough.
    ["flavour", FIELDS, undefined],
    ["tags", FIELDS, undefined],
    ["x", FIELDS, undefined],
    ["Rd", TOOLS, undefined],
    ["Python", TOOLS, undefined],
    // The word itself is no suggestion.
    ["Bash", TOOLS, undefined],
  ])("%j in its list suggests %j", (input, candidates, expected) => {
    expect(suggestSpelling(input, candidates)).toBe(expected);
  });

  it("prefers the closest candidate, then the one listed first", () => {
    expect(suggestSpelling("Writte", ["Wrote", "Write"])).toBe("Write");
    expect(suggestSpelling("Rea", ["Real", "Read"])).toBe("Real");
  });
});
