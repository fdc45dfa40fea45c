//! The `chunav` binary: parse the arguments and hand off to the library.

use clap::Parser;

/// Parsing and extraction make and drop many small strings; mimalloc serves
/// them in about half the instructions of the system's allocator. Its
/// `override` feature hands it SQLite's allocations too (`malloc`), which
/// the system's allocator served in 6% of an import's writing thread.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // color-eyre's panic hook prints a readable report instead of a bare panic.
    color_eyre::install().ok();
    let cli = chunav::cli::Cli::parse();
    match chunav::cli::run(cli) {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("chunav: {}", chunav::text::strip_controls(&e.to_string()));
            std::process::exit(2);
        }
    }
}
