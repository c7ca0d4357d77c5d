/** Progress the installer reports through `onEvent`; the SDK itself never prints. */
export type InstallEvent =
  /** How many agents need a registry (to resolve or to fetch): the denominator of a progress line. */
  | { type: "planned"; total: number }
  | { type: "resolved"; key: string; version: string; registry: string }
  | { type: "fetched"; key: string; version: string }
  | { type: "deprecated"; key: string; version: string; message: string }
  /** A locked version the registry has since yanked: installed from the lock all the same. */
  | { type: "yanked"; key: string; version: string }
  /** Something odd in an agent's text that does not block it (mojibake, a byte order mark). */
  | { type: "text-warning"; key: string; version: string; message: string }
  /** What an agent's file for another coding tool could not carry over (issue 17). */
  | { type: "translated"; key: string; version: string; target: string; field: string; message: string }
  /** Agent files written to disk (after every check passed); nothing is written on a dry run. */
  | { type: "written"; count: number };
