/**
 * The rules `validate <registry-source-dir>` adds to the agent rules (issue 7). They join the
 * validator's RULES, so their ids are as stable: CI configurations refer to them.
 */
export const SOURCE_RULES = {
  "source-metadata": {
    severity: "error",
    description: "registry.json or an agent.json is not JSON or breaks its schema; `registry build` refuses the source.",
  },
  "source-layout": {
    severity: "error",
    description:
      "Something the source format does not allow: an agent folder with an invalid name or no version, a version folder that is not semver, or a version folder without `<name>.md`.",
  },
  "source-version-unknown": {
    severity: "error",
    description: "agent.json records, yanks or deprecates a version that has no folder.",
  },
  "source-incomplete": {
    severity: "warning",
    description: "An agent has no agent.json, no license or no keywords, or a version has no publishedAt; users see less in `info` and `search`.",
  },
} as const;

export type SourceRuleId = keyof typeof SOURCE_RULES;
