//! The operator's commands after deployment, over either chain ([`Chain`]): each acts on the
//! suite a manifest records, with one signer; each transaction is dry-run first (a refusal is
//! said and nothing is sent), shown with its weight and storage deposit, confirmed (asked on a
//! chain that is not a development chain, unless `--yes`), then sent.
//!
//! - [`council`]: the proposals with their state and countdown; propose, approve, revoke, cancel,
//!   execute; every governor action in the program's words.
//! - [`months`]: a month's finalize and funding as proposals, the sweep, the promotion
//!   housekeeping (`advance`), and scores from the reviewer's spreadsheet.
//! - [`bounty`]: a bounty in words; the curator's proposal, report, award, feed and close; the
//!   council's approval and milestone decision built from what the chain holds.
//! - [`sheet`]: the scoring sheet (the app's CSV columns), read and checked row by row.

pub mod bounty;
pub mod council;
pub mod months;
pub mod sheet;

use crate::chain::{send_fixed, Chain, Message, Receipt};
use crate::config::Token;
use crate::deploy::{tokens_2dp, Deployed};
use anyhow::{anyhow, bail};
use ink_e2e::Keypair;
use scale::{Decode, Encode};
use std::fmt::Debug;
use std::io::{BufRead, IsTerminal, Write};

/// Whether a transaction needs the operator's yes before it is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    /// Send after the dry run (`--yes`, a sandbox, a development chain).
    Yes,
    /// Ask on the terminal; refuse when there is none.
    Ask,
}

impl Confirm {
    /// The policy for a chain named `chain` (as the node calls itself) given `--yes`: a
    /// development chain (`Development`, `Local Testnet`, chopsticks' `dev`) never asks.
    pub fn for_chain(chain: Option<&str>, yes: bool) -> Self {
        let dev = chain.is_some_and(|c| {
            let c = c.to_ascii_lowercase();
            c == "dev" || c.contains("development") || c.contains("local")
        });
        if yes || dev {
            Confirm::Yes
        } else {
            Confirm::Ask
        }
    }
}

/// What a command acts with: the chain, the deployed suite, its token, the signer, the
/// confirmation policy and where progress lines go.
pub struct Ctx<'a, C> {
    /// The chain.
    pub client: &'a mut C,
    /// The suite's addresses and calendar.
    pub suite: &'a Deployed,
    /// Its token.
    pub token: &'a Token,
    /// Who signs.
    pub signer: &'a Keypair,
    /// Ask before sending?
    pub confirm: Confirm,
    /// Progress lines.
    pub out: &'a mut dyn FnMut(&str),
}

impl<C: Chain> Ctx<'_, C> {
    /// An amount in the suite's token: "84,000.00 PHA".
    pub fn tokens(&self, amount: u128) -> String {
        format!(
            "{} {}",
            tokens_2dp(amount, self.token.decimals),
            self.token.symbol
        )
    }

    /// Reads `msg` with a dry run as the signer (no transaction).
    ///
    /// Errors: the dry run failed or its answer is not `R`.
    pub async fn read<Args: Sync + Encode + Clone, R: Send + Decode>(
        &mut self,
        msg: &Message<Args, R>,
        what: &str,
    ) -> anyhow::Result<R> {
        crate::chain::read(self.client, self.signer, msg, what).await
    }

    /// Sends `msg` (with `value` attached) after a dry run that must succeed: a refusal is
    /// returned as an error in the contract's terms and nothing is sent. `what` says what the
    /// transaction does, in the program's words; it is printed with the dry run's weight and
    /// storage deposit before the confirmation.
    ///
    /// Errors: the dry run trapped or was refused (`E`); the operator said no or could not be
    /// asked; the transaction failed.
    pub async fn transact<Args, R, E>(
        &mut self,
        msg: &Message<Args, Result<R, E>>,
        value: u128,
        what: &str,
    ) -> anyhow::Result<R>
    where
        Args: Sync + Encode + Clone,
        R: Send + Decode,
        E: Send + Decode + Debug,
    {
        let (dry, answer) = crate::chain::dry_run(self.client, self.signer, msg, value, what)
            .await
            .map_err(|e| anyhow!("{e:#}; nothing was sent"))?;
        let answer = answer.map_err(|e| anyhow!("{what}: refused: {e:?}; nothing was sent"))?;
        let weight = dry.gas_required;
        let (dest, input) = crate::chain::encoded(msg);
        let fee = self
            .client
            .fee(self.signer, dest, value, input.clone(), weight)
            .await;
        let mut line = format!(
            "{what}\n  dry run: accepted; weight {} ps, proof {} B",
            weight.ref_time(),
            weight.proof_size()
        );
        if let Some(fee) = fee {
            line.push_str(&format!(", fee about {}", self.exact(fee)));
        }
        if dry.deposit > 0 {
            line.push_str(&format!(", storage deposit {}", self.exact(dry.deposit)));
        }
        if value > 0 {
            line.push_str(&format!(", sends {}", self.tokens(value)));
        }
        (self.out)(&line);
        if self.confirm == Confirm::Ask && !ask("  send it?")? {
            bail!("{what}: not sent (declined)");
        }
        let receipt = self
            .client
            .call(self.signer, dest, value, input, weight)
            .await
            .map_err(|e| anyhow!("{what}: {e:#}"))?;
        self.done(&receipt);
        Ok(answer)
    }

    /// An amount with every decimal the token has: fees and deposits are small.
    pub fn exact(&self, amount: u128) -> String {
        format!(
            "{} {}",
            crate::deploy::tokens(amount, self.token.decimals),
            self.token.symbol
        )
    }

    /// Prints where a transaction landed, what it cost and the suite's events it emitted.
    fn done(&mut self, receipt: &Receipt) {
        let mut line = format!(
            "  done: in {}{}",
            receipt.block,
            if receipt.finalized { ", final" } else { "" }
        );
        if let Some(fee) = receipt.fee {
            line.push_str(&format!("; fee paid {}", self.exact(fee)));
        }
        (self.out)(&line);
        for event in &receipt.events {
            (self.out)(&format!("  event {event}"));
        }
    }
}

impl<C: Chain> Ctx<'_, C> {
    /// Sends `msg` with the fixed weight `gas` without requiring the dry run to succeed: for a
    /// call the last block cannot judge because the chain's clock is behind (a node that seals
    /// blocks only on transactions keeps its last block's time until the next one, which this
    /// transaction makes). The block it lands in decides; its refusal comes back as an error.
    ///
    /// Errors: the operator said no; the transaction failed or the message refused.
    pub async fn send_at_next_block<Args, E>(
        &mut self,
        msg: &Message<Args, Result<(), E>>,
        gas: (u64, u64),
        what: &str,
    ) -> anyhow::Result<()>
    where
        Args: Sync + Encode + Clone,
        E: Send + Decode + Debug,
    {
        (self.out)(&format!(
            "{what}\n  the chain's last block is older than the moment this becomes possible: \
             sent with a fixed weight ({} ps), the block it lands in decides",
            gas.0
        ));
        if self.confirm == Confirm::Ask && !ask("  send it?")? {
            bail!("{what}: not sent (declined)");
        }
        let receipt = send_fixed(self.client, self.signer, msg, gas, what).await?;
        self.done(&receipt);
        Ok(())
    }
}

/// Asks `question` on the terminal; true for y/yes.
///
/// Errors: standard input is not a terminal (a script must pass `--yes`).
fn ask(question: &str) -> anyhow::Result<bool> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        bail!("not a development chain and no terminal to confirm on: pass --yes to send");
    }
    print!("{question} [y/N] ");
    std::io::stdout().flush()?;
    let mut line = String::new();
    stdin.lock().read_line(&mut line)?;
    Ok(matches!(
        line.trim().to_ascii_lowercase().as_str(),
        "y" | "yes"
    ))
}

/// A duration in words: "2 d 3 h", "5 min", "40 s".
pub fn duration(ms: u64) -> String {
    let s = ms / 1_000;
    match s {
        0..=119 => format!("{s} s"),
        120..=7_199 => format!("{} min", s / 60),
        7_200..=172_799 => format!("{} h {} min", s / 3_600, (s % 3_600) / 60),
        _ => format!("{} d {} h", s / 86_400, (s % 86_400) / 3_600),
    }
}
