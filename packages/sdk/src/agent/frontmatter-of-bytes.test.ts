import { describe, expect, it } from "vitest";
import { parseFrontmatterOfBytes } from "./frontmatter-of-bytes.js";
import { loadAgentFile } from "./load-agent-file.js";
import { readAgentText } from "./lint-agent-text.js";

const decode = (bytes: Uint8Array): string => new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);

describe("parseFrontmatterOfBytes", () => {
  it("parses the same bytes once: the text gate and the grants share the parse", () => {
    const bytes = new TextEncoder().encode("---\nname: a\ndescription: b\ntools: Read\n---\nBody.\n");
    const first = readAgentText(bytes).frontmatter;
    expect(parseFrontmatterOfBytes(bytes, decode(bytes))).toBe(first);
    expect(loadAgentFile(bytes)).toEqual({ ok: true, agent: expect.objectContaining({ name: "a", tools: ["Read"] }) });
  });

  it("parses again when the bytes were changed in place", () => {
    const bytes = new TextEncoder().encode("---\nname: a\ndescription: b\ntools: Read\n---\n");
    expect(loadAgentFile(bytes)).toMatchObject({ ok: true, agent: { tools: ["Read"] } });
    bytes.set(new TextEncoder().encode("Bash"), bytes.indexOf(0x52)); // "Read" -> "Bash"
    expect(loadAgentFile(bytes)).toMatchObject({ ok: true, agent: { tools: ["Bash"] } });
  });

  it("keeps equal texts in different byte arrays apart", () => {
    const text = "---\nname: a\ndescription: b\n---\n";
    const one = parseFrontmatterOfBytes(new TextEncoder().encode(text), text);
    const other = parseFrontmatterOfBytes(new TextEncoder().encode(text), text);
    expect(other).not.toBe(one);
    expect(other).toEqual(one);
  });
});
