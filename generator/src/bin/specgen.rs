//! The `specgen` command line; everything is in [`specgen::cli`].

fn main() -> std::process::ExitCode {
    specgen::cli::main()
}
