//! The deploy tool's tests in one test binary (each linked test binary embeds a whole Substrate
//! runtime): bad configs (`config::`) and the sandbox path (`sandbox::`).

mod config;
mod sandbox;
