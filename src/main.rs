//! The `rettleiar` program: the command line only (see the `cli` module);
//! the work is done by the library.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
