import { relative, sep } from "node:path";
import type { ValidatedFile } from "@agentreg/sdk";
import { CLI_VERSION } from "../version.js";
import { escapeJson } from "./escape-terminal.js";

/** SARIF's levels for agentreg's severities (SARIF 2.1.0 §3.27.10: `info` is `note`). */
const LEVEL = { error: "error", warning: "warning", info: "note" } as const;

/**
 * The result of `validate` as a SARIF 2.1.0 log, so CI can upload it to code scanning: one rule per
 * agentreg rule id (with its help text), one result per problem with file, line and column.
 * Type-only SDK import: the rules table is passed in by the command.
 */
export function renderSarif(files: ValidatedFile[], rules: Record<string, { severity: "error" | "warning" | "info"; description: string }>, cwd: string): string {
  const ids = Object.keys(rules).sort();
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "agentreg",
            version: CLI_VERSION,
            informationUri: "https://github.com/agentreg/agentreg#agentreg-validate-paths",
            rules: ids.map((id) => ({
              id,
              shortDescription: { text: rules[id]?.description ?? id },
              help: { text: `${rules[id]?.description ?? id} See \`agentreg validate --help\`.` },
              defaultConfiguration: { level: LEVEL[rules[id]?.severity ?? "warning"] },
            })),
          },
        },
        results: files.flatMap((file) =>
          file.issues.map((issue) => ({
            ruleId: issue.ruleId,
            ruleIndex: ids.indexOf(issue.ruleId),
            level: LEVEL[issue.severity],
            message: { text: issue.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: relative(cwd, file.path).split(sep).join("/") },
                  ...(issue.line === undefined ? {} : { region: { startLine: issue.line, ...(issue.column === undefined ? {} : { startColumn: issue.column }) } }),
                },
              },
            ],
          })),
        ),
      },
    ],
  };
  return `${escapeJson(JSON.stringify(log, null, 2))}\n`;
}
