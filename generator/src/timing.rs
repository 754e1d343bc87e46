//! Wall time of each pipeline stage for one generation: what the benchmarks report.
//! Not part of the API (hidden from the docs); the pipeline is the one [`crate::Config`] runs.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::config::Config;
use crate::error::Error;
use crate::{emit, ir, load, names, resolve};

/// Where one generation spent its time.
#[derive(Debug, Clone, Copy, Default)]
pub struct StageTimes {
    /// Reading the file and deserializing it into `openapiv3::OpenAPI`.
    pub parse: Duration,
    /// Resolving references and lowering to the IR: `$ref`s resolve on demand while the
    /// IR is built, so the two stages are one measurement.
    pub resolve_ir: Duration,
    pub names: Duration,
    /// Writing the formatted source, on two threads as a real generation does.
    pub emit: Duration,
    /// The same on one thread (measured after the generation, not part of [`Self::total`]).
    pub emit_one_thread: Duration,
}

impl StageTimes {
    pub fn total(&self) -> Duration {
        self.parse + self.resolve_ir + self.names + self.emit
    }
}

/// Generates `spec` as [`Config::generate_code`] does, timing each stage.
pub fn generate_timed(spec: &Path, config: &Config) -> Result<(String, StageTimes), Error> {
    let mut times = StageTimes::default();
    let mut clock = Instant::now();
    let mut lap = |slot: &mut Duration| {
        *slot = clock.elapsed();
        clock = Instant::now();
    };
    let mut sources = load::Sources::default();
    let document = load::load(spec, &mut sources)?;
    lap(&mut times.parse);
    let resolver = resolve::Resolver::new(&document, spec, sources);
    let (ir, _warnings) = ir::lower(&resolver, &crate::Config::default())?;
    lap(&mut times.resolve_ir);
    let names = names::assign(&ir);
    lap(&mut times.names);
    let source = spec.file_name().unwrap_or_default().to_string_lossy();
    let code = emit::emit(&ir, &names, config, &source);
    lap(&mut times.emit);
    emit::emit_on(&ir, &names, config, &source, false);
    lap(&mut times.emit_one_thread);
    Ok((code, times))
}
