import type { ValidationIssue } from "../agent/validate-agent.js";

/** One file `validate` checked, with what it found. */
export interface ValidatedFile {
  path: string;
  ok: boolean;
  issues: ValidationIssue[];
}

export interface ValidatePathResult {
  files: ValidatedFile[];
  errors: number;
  warnings: number;
}

/** The report of `files`: the files, and how many errors and warnings they hold together. */
export function reportOf(files: ValidatedFile[]): ValidatePathResult {
  let errors = 0;
  let warnings = 0;
  for (const file of files) {
    for (const issue of file.issues) {
      if (issue.severity === "error") errors += 1;
      else if (issue.severity === "warning") warnings += 1;
    }
  }
  return { files, errors, warnings };
}
