//! Generation speed and memory, stage by stage: a measurement, never a test.
//!
//! ```text
//! cargo bench -p specgen --bench pipeline                  # every spec in specs/
//! cargo bench -p specgen --bench pipeline -- a.json b.yaml # those specs too
//! ```
//!
//! For each spec it prints the median wall time of each stage over several runs (parse,
//! resolve + IR, names, and emit — which writes the formatted source directly, on two
//! threads as a real generation does, and again on one thread for comparison), the median
//! of a real generation (`Config::generate_code`), the peak heap during one generation (a
//! counting global allocator: what the generator itself holds, without the allocator's
//! slack), the spec's and the output's size, and the two ratios the targets are about:
//! emission (formatting included) against parse, and peak heap against the spec's size.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering};
use std::time::{Duration, Instant};

use specgen::timing::{generate_timed, StageTimes};

/// The system allocator, counting the bytes live now and the most ever live.
struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);
/// Counting is on only while the peak is measured: two threads updating the same counters
/// on every allocation would slow the timed runs down.
static COUNTING: AtomicBool = AtomicBool::new(false);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged to the system allocator.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            count(layout.size() as isize);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.dealloc(ptr, layout) };
        count(-(layout.size() as isize));
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded unchanged to the system allocator.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            count(new_size as isize - layout.size() as isize);
        }
        new
    }
}

/// Signed: memory allocated before counting began may be freed while it is on.
fn count(delta: isize) {
    if COUNTING.load(Ordering::Relaxed) {
        let live = LIVE.fetch_add(delta, Ordering::Relaxed) + delta;
        PEAK.fetch_max(live, Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

struct Measurement {
    spec: PathBuf,
    spec_bytes: u64,
    output_bytes: usize,
    output_lines: usize,
    times: StageTimes,
    /// `Config::generate_code` end to end.
    generate: Duration,
    peak_heap: usize,
}

fn main() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("generator/ sits in the workspace")
        .to_path_buf();
    let mut specs: Vec<PathBuf> = std::fs::read_dir(workspace.join("specs"))
        .expect("specs/ exists")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("yaml" | "json")
            )
        })
        .collect();
    specs.sort();
    specs.extend(
        std::env::args()
            .skip(1)
            .filter(|a| !a.starts_with("--"))
            .map(PathBuf::from),
    );
    let config = specgen::Config::new();
    println!(
        "| spec | size | parse | resolve+IR | names | emit (2 threads) | emit (1 thread) | sum of stages | generate | emit/parse (2 threads; 1) | peak heap | heap/size | output |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for spec in specs {
        match measure(&spec, &config) {
            Ok(m) => print_row(&m),
            Err(e) => println!("| {} | failed: {e} |", spec.display()),
        }
    }
}

fn measure(spec: &Path, config: &specgen::Config) -> Result<Measurement, specgen::Error> {
    let spec_bytes = std::fs::metadata(spec).map(|m| m.len()).unwrap_or(0);
    // Big specs take a second a run: fewer runs, still a median.
    let runs = if spec_bytes > 1_000_000 { 5 } else { 21 };
    let end_to_end = config.clone().spec(spec);
    LIVE.store(0, Ordering::Relaxed);
    PEAK.store(0, Ordering::Relaxed);
    COUNTING.store(true, Ordering::Relaxed);
    let code = end_to_end.generate_code()?.remove(0).code;
    COUNTING.store(false, Ordering::Relaxed);
    let peak_heap = PEAK.load(Ordering::Relaxed).max(0) as usize;
    let mut samples = Vec::with_capacity(runs);
    let mut generate = Vec::with_capacity(runs);
    for _ in 0..runs {
        samples.push(generate_timed(spec, config)?.1);
        let started = Instant::now();
        end_to_end.generate_code()?;
        generate.push(started.elapsed());
    }
    generate.sort();
    Ok(Measurement {
        spec: spec.to_path_buf(),
        spec_bytes,
        output_bytes: code.len(),
        output_lines: code.lines().count(),
        times: median(&samples),
        generate: generate[generate.len() / 2],
        peak_heap,
    })
}

/// The median of each stage on its own.
fn median(samples: &[StageTimes]) -> StageTimes {
    let stage = |pick: fn(&StageTimes) -> Duration| {
        let mut values: Vec<Duration> = samples.iter().map(pick).collect();
        values.sort();
        values[values.len() / 2]
    };
    StageTimes {
        parse: stage(|t| t.parse),
        resolve_ir: stage(|t| t.resolve_ir),
        names: stage(|t| t.names),
        emit: stage(|t| t.emit),
        emit_one_thread: stage(|t| t.emit_one_thread),
    }
}

fn print_row(m: &Measurement) {
    let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1000.0);
    let t = &m.times;
    let parse = t.parse.as_secs_f64().max(1e-9);
    let ratio = format!(
        "{:.2}; {:.2}",
        t.emit.as_secs_f64() / parse,
        t.emit_one_thread.as_secs_f64() / parse
    );
    let name = m.spec.file_name().unwrap_or_default().to_string_lossy();
    println!(
        "| {name} | {} | {} | {} | {} | {} | {} | {} | {} | {ratio} | {} | {:.1}× | {} lines, {} |",
        bytes(m.spec_bytes as usize),
        ms(t.parse),
        ms(t.resolve_ir),
        ms(t.names),
        ms(t.emit),
        ms(t.emit_one_thread),
        ms(t.total()),
        ms(m.generate),
        bytes(m.peak_heap),
        m.peak_heap as f64 / m.spec_bytes.max(1) as f64,
        m.output_lines,
        bytes(m.output_bytes),
    );
}

fn bytes(n: usize) -> String {
    match n {
        n if n >= 1 << 20 => format!("{:.1} MB", n as f64 / f64::from(1 << 20)),
        n if n >= 1 << 10 => format!("{:.0} kB", n as f64 / f64::from(1 << 10)),
        n => format!("{n} B"),
    }
}
