// npm run hash-password [-- --scrypt]
// Prints a hash for ATLAS_ADMIN_PASSWORD_HASH. The password is read from standard input when it is
// piped (`printf %s "$PW" | npm run -s hash-password`), otherwise asked for twice without echo.
// bcrypt (cost 12) by default; --scrypt for scrypt (N=2^17, r=8, p=1), e.g. for passwords over
// bcrypt's 72-byte limit.
import { hashPassword } from "../lib/auth/password";

const MIN_LENGTH = 12;

async function readPiped(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

/** Reads one line from the terminal without echoing it. */
function prompt(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    // Echo off before the prompt shows, so nothing typed right after it is echoed.
    stdin.setRawMode(true);
    process.stderr.write(question);
    stdin.resume();
    stdin.setEncoding("utf8");
    let value = "";
    const onData = (key: string) => {
      for (const ch of key) {
        if (ch === "\r" || ch === "\n") {
          done();
          resolve(value);
          return;
        }
        if (ch === "\u0003") {
          done();
          reject(new Error("cancelled"));
          return;
        }
        if (ch === "\u007f" || ch === "\b") value = value.slice(0, -1);
        else value += ch;
      }
    };
    const done = () => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write("\n");
    };
    stdin.on("data", onData);
  });
}

async function main() {
  const algorithm = process.argv.includes("--scrypt") ? "scrypt" : "bcrypt";
  let password: string;
  if (process.stdin.isTTY) {
    password = await prompt("Password for the local admin: ");
    const again = await prompt("Same password again: ");
    if (password !== again) throw new Error("the two passwords differ");
  } else {
    password = await readPiped();
  }
  if (password.length < MIN_LENGTH)
    throw new Error(`the password must have at least ${MIN_LENGTH} characters`);
  if (algorithm === "bcrypt" && Buffer.byteLength(password) > 72)
    throw new Error(
      "bcrypt uses only the first 72 bytes of a password; use --scrypt for a longer one",
    );
  process.stdout.write(`${await hashPassword(password, algorithm)}\n`);
  process.stderr.write(
    "Set it as ATLAS_ADMIN_PASSWORD_HASH, in single quotes in a shell or .env file (it contains $).\n",
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `hash-password: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
