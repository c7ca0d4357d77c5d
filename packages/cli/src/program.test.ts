import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { COMMANDS, createProgram } from "./program.js";

const declared = (program: Command): string[] => program.commands.flatMap((command) => [command.name(), ...command.aliases()]).sort();

describe("COMMANDS", () => {
  it.each(COMMANDS.map((command) => [command.names[0], command] as const))("%s declares exactly the names it is listed under", (_name, command) => {
    const program = new Command();
    command.register(program);
    expect(declared(program)).toEqual([...command.names].sort());
  });
});

describe("createProgram", () => {
  const all = COMMANDS.flatMap((command) => command.names).sort();

  it.each([
    ["the command alone", ["add", "x"], ["add"]],
    ["an alias", ["i", "--frozen"], ["i", "install"]],
    ["after program options and their values", ["--dir", "add", "--registry", "./r", "--json", "search", "x"], ["search"]],
    ["after an option written with =", ["--dir=add", "remove", "x"], ["remove", "rm"]],
    ["a short program option", ["-g", "list"], ["list", "ls"]],
  ])("declares only the command the line names: %s", (_case, argv, names) => {
    expect(declared(createProgram(argv))).toEqual(names);
  });

  it.each([
    ["no command", ["--help"]],
    ["help", ["help", "add"]],
    ["a name that is not a command", ["ad", "x"]],
    ["operands after --", ["--", "add"]],
    ["no line", undefined],
  ])("declares every command for %s", (_case, argv) => {
    expect(declared(createProgram(argv))).toEqual(all);
  });
});
