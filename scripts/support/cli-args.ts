import { type ParseArgsConfig, parseArgs } from "node:util";
import { EXIT } from "./run-cli";

type HelpOption = { help: { type: "boolean"; short: "h" } };
type WithHelp<C extends ParseArgsConfig> = Omit<C, "options"> & { options: NonNullable<C["options"]> & HelpOption };

/** Prints `message` (if any) and the usage on stderr; returns the usage exit code for a CLI main to return. */
export function reportUsage(usage: string, message?: string): number {
  process.stderr.write(`${message ? `${message}\n` : ""}${usage}\n`);
  return EXIT.usage;
}

/** node:util's parseArgs explains in English; say it in Chinese, naming the option it quotes. */
function describeArgsError(error: Error & { code?: string }): string {
  const option = error.message.match(/'(-[^']*)'/)?.[1];
  const named = option ? `“${option}”` : "";
  switch (error.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `不认识的选项${named}`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return `选项${named}的值有误（缺少值，或不该带值）`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return "多余的参数";
    default:
      return "命令行参数有误";
  }
}

/**
 * parseArgs with -h/--help: --help prints the usage and exits 0; an unknown option or a missing value prints the
 * error and the usage and exits with the usage code.
 */
export function parseCliArgs<const C extends ParseArgsConfig>(
  usage: string,
  config: C,
): ReturnType<typeof parseArgs<WithHelp<C>>> {
  const withHelp = { ...config, options: { ...config.options, help: { type: "boolean", short: "h" } } } as WithHelp<C>;
  let parsed: ReturnType<typeof parseArgs<WithHelp<C>>>;
  try {
    parsed = parseArgs(withHelp);
  } catch (error) {
    process.exit(reportUsage(usage, `错误：${describeArgsError(error as Error & { code?: string })}`));
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stderr.write(`${usage}\n`);
    process.exit(EXIT.ok);
  }
  return parsed;
}
