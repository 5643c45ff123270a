// `npm run sim -- --port 4010 --tenants 2500 …`: runs the simulator until SIGINT/SIGTERM. Bad flags
// or settings print one line and exit 2; a port in use exits 1.
import { CliError, parseCli, usage } from "./cli-args";
import { DataFileError } from "./data/load";
import { OptionsError } from "./options";
import { startSimulator } from "./server";

async function main(): Promise<void> {
  let config;
  try {
    config = parseCli(process.argv.slice(2), process.env);
  } catch (err) {
    if (err instanceof CliError) {
      process.stderr.write(`simulator: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  if (config.help) {
    process.stdout.write(`${usage()}\n`);
    return;
  }

  let sim;
  try {
    sim = await startSimulator(config.options);
  } catch (err) {
    if (err instanceof OptionsError || err instanceof DataFileError) {
      process.stderr.write(`simulator: ${err.message}\n`);
      process.exit(2);
    }
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE" || code === "EACCES") {
      process.stderr.write(
        `simulator: cannot listen on port ${config.options.port ?? 4010} (${code}); choose another with --port or SIM_PORT\n`,
      );
      process.exit(1);
    }
    throw err;
  }

  const count = sim.tenants().length;
  process.stdout.write(`listening on ${sim.url}\n`);
  process.stdout.write(
    `client id: ${config.options.clientId ?? "demo-client"}  client secret: ${config.options.clientSecret ?? "demo-secret"}${config.options.extraClientSecrets ? ` (and ${config.options.extraClientSecrets.join(", ")})` : ""}  (${count} tenants${config.options.admin ? ", admin endpoints on" : ""}${config.options.demoKey ? ", demo challenge on" : ""}${config.options.driftEverySeconds ? `, drift every ${config.options.driftEverySeconds} s` : ""})\n`,
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130);
    stopping = true;
    process.stdout.write(`simulator: ${signal}, stopping\n`);
    void sim.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`simulator: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
