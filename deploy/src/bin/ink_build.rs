//! `ink-build`: builds one ink! contract in release mode, as `cargo contract build --release`
//! does, through the same library (contract-build 5.0.3, which cargo-contract 5.0.3's `build`
//! calls with these arguments): the same Wasm, metadata and bundle in
//! `<target>/ink/<contract>/`.
//!
//! Why not cargo-contract itself: installing it compiles a second copy of the Substrate client
//! stack and of binaryen (about 18 minutes on 2 cores, on every fresh CI machine), while
//! contract-build is already in this workspace's dependency graph (ink_e2e builds contracts
//! with it). `./scripts/build-contracts` runs this binary for every build.
//!
//! ```text
//! ink-build --manifest-path contracts/registry/Cargo.toml [--features a,b] [--generate code-only]
//! ```

use anyhow::Context;
use clap::{Parser, ValueEnum};
use contract_build::{BuildArtifacts, BuildMode, ExecuteArgs, Features, ManifestPath, Verbosity};
use std::path::PathBuf;

/// What to generate (cargo-contract's `--generate`).
#[derive(Clone, Copy, ValueEnum)]
enum Generate {
    /// The Wasm, the metadata (JSON) and the bundle (`.contract`).
    All,
    /// The Wasm only: no metadata, whose generation compiles the contract again for the host.
    CodeOnly,
}

/// Builds one ink! contract in release mode (cargo-contract 5.0.3's `build --release --quiet`).
#[derive(Parser)]
#[command(name = "ink-build")]
struct Args {
    /// The contract's Cargo.toml.
    #[arg(long)]
    manifest_path: PathBuf,
    /// Cargo features of the contract to enable, comma-separated.
    #[arg(long, value_delimiter = ',')]
    features: Vec<String>,
    /// What to generate.
    #[arg(long, value_enum, default_value = "all")]
    generate: Generate,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let manifest_path = ManifestPath::new(&args.manifest_path)
        .with_context(|| format!("manifest {}", args.manifest_path.display()))?;
    let mut features = Features::default();
    for feature in &args.features {
        features.push(feature);
    }
    let build_artifact = match args.generate {
        Generate::All => BuildArtifacts::All,
        Generate::CodeOnly => BuildArtifacts::CodeOnly,
    };
    // Everything else as cargo-contract's defaults (optimization passes from the manifest or
    // its default, Wasm target, default memory pages, Wasm validation on).
    contract_build::execute(ExecuteArgs {
        manifest_path,
        verbosity: Verbosity::Quiet,
        build_mode: BuildMode::Release,
        features,
        build_artifact,
        ..ExecuteArgs::default()
    })
    .with_context(|| format!("building {}", args.manifest_path.display()))?;
    Ok(())
}
