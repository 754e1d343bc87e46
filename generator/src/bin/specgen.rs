//! The `specgen` command line.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [command, spec, flag, out] if command == "generate" && flag == "-o" => {
            match specgen::Config::new().spec(spec).generate_code() {
                Ok(mut generated) => {
                    let item = generated.remove(0);
                    for warning in &item.warnings {
                        eprintln!("{warning}");
                    }
                    if let Err(error) = std::fs::write(PathBuf::from(out), item.code) {
                        eprintln!("{out}: cannot write: {error}");
                        return ExitCode::from(2);
                    }
                    ExitCode::SUCCESS
                }
                Err(error) => {
                    eprintln!("{error}");
                    ExitCode::FAILURE
                }
            }
        }
        _ => {
            eprintln!("usage: specgen generate SPEC -o FILE.rs");
            ExitCode::from(2)
        }
    }
}
