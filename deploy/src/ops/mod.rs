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

use crate::chain::{send, Chain, Message};
use crate::config::Token;
use crate::deploy::{tokens_2dp, Deployed};
use anyhow::{anyhow, bail};
use ink::MessageResult;
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
        let dry = self
            .client
            .call(self.signer, msg)
            .value(value)
            .dry_run()
            .await
            .map_err(|e| anyhow!("{what}: the dry run failed: {e:?}"))?;
        if dry.is_err() {
            bail!("{what}: the contract trapped in the dry run; nothing was sent");
        }
        let data = &dry
            .exec_result
            .result
            .as_ref()
            .map_err(|e| anyhow!("{what}: {e:?}"))?
            .data;
        let answer: MessageResult<Result<R, E>> = Decode::decode(&mut &data[..])
            .map_err(|e| anyhow!("{what}: the answer does not decode ({e})"))?;
        match answer {
            Err(e) => {
                bail!("{what}: the contract could not read the call ({e:?}); nothing was sent")
            }
            Ok(Err(e)) => bail!("{what}: refused: {e:?}; nothing was sent"),
            Ok(Ok(_)) => {}
        }
        let weight = dry.exec_result.gas_required;
        let deposit = dry.exec_result.storage_deposit.charge_or_zero();
        let line = format!(
            "{what}\n  dry run: accepted; weight {} ps, proof {} B{}{}",
            weight.ref_time(),
            weight.proof_size(),
            if deposit > 0 {
                format!(
                    ", storage deposit {} {}",
                    crate::deploy::tokens(deposit, self.token.decimals),
                    self.token.symbol
                )
            } else {
                String::new()
            },
            if value > 0 {
                format!(", sends {}", self.tokens(value))
            } else {
                String::new()
            },
        );
        (self.out)(&line);
        if self.confirm == Confirm::Ask && !ask("  send it?")? {
            bail!("{what}: not sent (declined)");
        }
        let done = send(self.client, self.signer, msg, value, None, what).await?;
        (self.out)("  done: in a block");
        Ok(done)
    }
}

impl<C: Chain> Ctx<'_, C> {
    /// Sends `msg` with the fixed weight `gas` without requiring the dry run to succeed: for a
    /// call the last block cannot judge because the chain's clock is behind (a node that seals
    /// blocks only on transactions keeps its last block's time until the next one, which this
    /// transaction makes). The block it lands in decides; its refusal comes back as an error.
    ///
    /// Errors: the operator said no; the transaction failed or the message refused.
    pub async fn send_at_next_block<Args, R, E>(
        &mut self,
        msg: &Message<Args, Result<R, E>>,
        gas: (u64, u64),
        what: &str,
    ) -> anyhow::Result<()>
    where
        Args: Sync + Encode + Clone,
        R: Send + Decode,
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
        // The answer ink_e2e hands back is the dry run's (on the old block), not the block's:
        // success is the transaction's (a message returning an error reverts it).
        self.client
            .call(self.signer, msg)
            .gas_limit(ink_sandbox::Weight::from_parts(gas.0, gas.1))
            .submit()
            .await
            .map_err(|e| anyhow!("{what}: refused in its block: {e:?}"))?;
        (self.out)("  done: in a block");
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
