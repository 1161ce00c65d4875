//! The `readout` command: parse the arguments, run, print any error, exit with its code.

use std::process::ExitCode;

fn main() -> ExitCode {
    readout::cli::main()
}
