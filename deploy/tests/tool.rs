//! The deploy tool's tests in one test binary (each linked test binary embeds a whole Substrate
//! runtime): bad configs (`config::`), the sandbox path (`sandbox::`) and the operator's
//! commands after deployment (`ops::`).

mod config;
mod ops;
mod sandbox;
