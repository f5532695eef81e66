// The app's one chain layer: connection (reconnecting after a dropped socket), the manifest
// checked against the chain, the suite's contracts with their metadata, dry runs with refusals in
// words, chain time, and transactions signed by the user's wallet with their progress, fee and
// storage deposit. Screens call `query` and `send`; none builds a contract call by hand.

import { ApiPromise, WsProvider } from "@polkadot/api";
import { ContractPromise } from "@polkadot/api-contract";
import { web3FromAddress } from "@polkadot/extension-dapp";
import { u8aToHex } from "@polkadot/util";
import { decodeAddress } from "@polkadot/util-crypto";
import { sendErrorInWords } from "./claims";
import { refusalInWords, rejectedIndex, type InkMetadata } from "./errors";
import { formatTokens, progressInWords, type TxStatus } from "./program";

export type ContractName = "reward_pool" | "registry" | "bounty" | "governor";

export interface Manifest {
  target: string;
  chain: string | null;
  /** Recorded by the deploy tool on a node (absent in older manifests). */
  genesis_hash?: string | null;
  token: { symbol: string; decimals: number };
  code_hashes: Record<string, string>;
  addresses: { governor: string; registry: string; reward_pool: string; bounty: string };
  calendar: { kind: "utc-months" } | { kind: "fixed-periods"; start_ms: number; period_ms: number };
}

/** A dry run's answer: the message's `Ok` value, or its refusal in words. */
export type Answer<T> = { ok: true; value: T } | { ok: false; words: string; err: unknown; index?: number };

/** Whether two addresses (any SS58 prefix, or hex) name the same account. */
export function sameAccount(a: string, b: string): boolean {
  try {
    return u8aToHex(decodeAddress(a)) === u8aToHex(decodeAddress(b));
  } catch {
    return false;
  }
}

/** snake_case message label → polkadot.js's camelCase method name. */
function method(label: string): string {
  return label.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

export class Chain {
  /** Chain time: the last block's timestamp, and when (performance clock) it arrived. */
  private blockMs = 0;
  private blockAt = 0;
  private busy = false;
  /** Transactions sent so far: the progress line follows the newest. */
  private sends = 0;
  readonly contracts: Record<ContractName, ContractPromise>;
  readonly metadata: Record<ContractName, InkMetadata>;

  private constructor(
    readonly api: ApiPromise,
    readonly manifest: Manifest,
    metadata: Record<ContractName, InkMetadata>,
  ) {
    this.metadata = metadata;
    const at = manifest.addresses;
    this.contracts = {
      reward_pool: new ContractPromise(api, metadata.reward_pool as never, at.reward_pool),
      registry: new ContractPromise(api, metadata.registry as never, at.registry),
      bounty: new ContractPromise(api, metadata.bounty as never, at.bounty),
      governor: new ContractPromise(api, metadata.governor as never, at.governor),
    };
  }

  /**
   * Connects to `endpoint`, refuses a chain the manifest does not describe (a contract missing or
   * running other code than the manifest records), loads the metadata and follows chain time.
   * `onSocket` hears of a dropped socket and of the reconnection (the provider retries by itself).
   */
  static async connect(endpoint: string, manifest: Manifest, onSocket: (up: boolean) => void): Promise<Chain> {
    const provider = new WsProvider(endpoint, 2_500);
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), 10_000));
    let api: ApiPromise;
    try {
      api = await Promise.race([ApiPromise.create({ provider, throwOnConnect: true }), timeout]);
    } catch {
      await provider.disconnect().catch(() => undefined);
      throw new Error(`Node unreachable at ${endpoint}. Check the endpoint or start the node.`);
    }
    provider.on("disconnected", () => onSocket(false));
    provider.on("connected", () => onSocket(true));
    const genesis = api.genesisHash.toHex().toLowerCase();
    if (manifest.genesis_hash && manifest.genesis_hash.toLowerCase() !== genesis) {
      throw new Error(`Wrong network: this node's chain (${api.runtimeChain.toString()}, genesis ${genesis.slice(0, 10)}…) is not the one the manifest was written for (${manifest.chain ?? manifest.target}, genesis ${manifest.genesis_hash.slice(0, 10)}…).`);
    }
    const names: ContractName[] = ["reward_pool", "registry", "bounty", "governor"];
    const metas = await Promise.all(names.map((n) => fetch(`metadata/${n}.json`).then((r) => r.json() as Promise<InkMetadata & { source?: { hash?: string } }>)));
    for (const name of names) {
      const address = manifest.addresses[name];
      const what = name.replace("_", " ");
      const info = (await api.query.contracts.contractInfoOf(address)) as unknown as {
        isNone: boolean;
        unwrap(): { codeHash: { toHex(): string } };
      };
      if (info.isNone) {
        throw new Error(`Wrong network: ${api.runtimeChain.toString()} has no ${what} contract at ${address}. The manifest was written for ${manifest.chain ?? manifest.target}.`);
      }
      const code = info.unwrap().codeHash.toHex().toLowerCase();
      const full = manifest.code_hashes[name]?.toLowerCase();
      // A routed contract's account runs its router (`<name>_router` in the manifest), which
      // hands each message to the one of its builds that serves it; the manifest's hash under
      // the contract's own name is its whole build's (never uploaded), whose metadata the app
      // reads, and the router's hash pins the builds.
      const router = manifest.code_hashes[`${name}_router`]?.toLowerCase();
      const expected = router ?? full;
      if (!full || !expected) throw new Error(`The manifest records no code hash for the ${what}: it is incomplete. Use the manifest the deploy tool wrote.`);
      if (code !== expected) {
        throw new Error(`The ${what} at ${address} runs code ${code.slice(0, 10)}…, not ${expected.slice(0, 10)}… as the manifest records: it was upgraded since, or this is another deployment. Use the manifest of this deployment.`);
      }
      const built = metas[names.indexOf(name)].source?.hash?.toLowerCase();
      if (built !== full) {
        throw new Error(`The app's metadata for the ${what} was built from other code (${String(built).slice(0, 10)}…) than the chain runs (${full.slice(0, 10)}…): it would read answers wrongly. Copy this deployment's metadata next to the app (npm run prepare-manifest).`);
      }
    }
    const chain = new Chain(api, manifest, { reward_pool: metas[0], registry: metas[1], bounty: metas[2], governor: metas[3] });
    await api.query.timestamp.now((now: { toNumber(): number }) => {
      chain.blockMs = now.toNumber();
      chain.blockAt = performance.now();
    });
    return chain;
  }

  /** Chain time (ms): the last block's timestamp, advanced by the time since it arrived. */
  now(): number {
    return this.blockMs + Math.max(0, performance.now() - this.blockAt);
  }

  /** An amount in the chain's token, in the user's locale. */
  tokens(amount: bigint): string {
    return `${formatTokens(amount, this.manifest.token.decimals)} ${this.manifest.token.symbol}`;
  }

  private options() {
    return {
      gasLimit: this.api.registry.createType("WeightV2", (this.api.consts.system.blockWeights as unknown as { maxBlock: unknown }).maxBlock) as never,
      storageDepositLimit: null,
    };
  }

  /** Dry-runs `label` of `contract` as `caller`: the answer, or its refusal in words. */
  async query<T = unknown>(contract: ContractName, caller: string, label: string, ...args: unknown[]): Promise<Answer<T>> {
    return (await this.dry<T>(contract, caller, label, args)).answer;
  }

  /** A dry run with what sending needs: the weight it took and the storage deposit it charged. */
  private async dry<T>(contract: ContractName, caller: string, label: string, args: unknown[]) {
    const c = this.contracts[contract];
    const { result, output, gasRequired, storageDeposit } = await c.query[method(label)](caller, this.options(), ...(args as never[]));
    const deposit = storageDeposit.isCharge ? storageDeposit.asCharge.toBigInt() : 0n;
    const answer = ((): Answer<T> => {
      if (result.isErr) return { ok: false, words: this.dispatchInWords(result.asErr), err: result.asErr.toJSON() };
      const json = output?.toJSON() as Record<string, unknown> | null;
      if (json && "err" in json) return { ok: false, words: "The contract could not read the call (its code does not match the metadata).", err: json.err };
      const inner = json && "ok" in json ? json.ok : json;
      if (inner !== null && typeof inner === "object" && "err" in (inner as object)) {
        const err = (inner as { err: unknown }).err;
        return { ok: false, words: sentence(refusalInWords(this.metadata[contract], label, err)), err, index: rejectedIndex(err) };
      }
      const value = inner !== null && typeof inner === "object" && "ok" in (inner as object) ? (inner as { ok: unknown }).ok : inner;
      return { ok: true, value: value as T };
    })();
    return { answer, gasRequired, deposit };
  }

  /** A chain dispatch error (a trap, a module error) in words. */
  private dispatchInWords(error: { isModule: boolean; asModule: unknown; toString(): string }): string {
    if (error.isModule) {
      const meta = this.api.registry.findMetaError(error.asModule as never);
      return `The chain refused: ${meta.section}.${meta.name} (${meta.docs.join(" ")})`;
    }
    return `The chain refused: ${error.toString()}`;
  }

  /** Whether a transaction of this app is waiting for its outcome (buttons stay disabled). */
  pending(): boolean {
    return this.busy;
  }

  /**
   * Sends `label` of `contract` signed by `address`'s wallet: a dry run first (a refusal is shown
   * in words and nothing is signed), the fee and storage deposit shown before the wallet asks,
   * then the progress until finalized, dropped, invalid or usurped. Returns whether it was done
   * (as soon as it is in a block; the progress line then follows it to finality).
   */
  async send(
    contract: ContractName,
    address: string,
    label: string,
    args: unknown[],
    done: string,
    say: (text: string, failed?: boolean) => void,
  ): Promise<boolean> {
    return this.sendAll(contract, address, [{ label, args }], done, say);
  }

  /**
   * Sends several calls of `contract` in one signature (the chain's `utility.batchAll`: all or
   * none), each dry-run first: a refusal names the call (`Call 2 of 3: …`) and nothing is
   * signed. One call goes alone. A chain without the utility pallet is told in words.
   */
  async sendAll(
    contract: ContractName,
    address: string,
    calls: Array<{ label: string; args: unknown[] }>,
    done: string,
    say: (text: string, failed?: boolean) => void,
  ): Promise<boolean> {
    if (this.busy) {
      say("Another transaction is still on its way: wait for it.", true);
      return false;
    }
    // The progress line speaks of the newest transaction: an earlier one, still followed to
    // finality, stops writing to it once another is sent.
    const mine = ++this.sends;
    const outer = say;
    say = (text, failed) => {
      if (mine === this.sends) outer(text, failed);
    };
    if (calls.length > 1 && !this.api.tx.utility?.batchAll) {
      say("This chain cannot put several calls under one signature (no utility pallet): send them one at a time.", true);
      return false;
    }
    this.busy = true;
    document.dispatchEvent(new CustomEvent("tx-busy", { detail: true }));
    try {
      say("Checking…");
      const txs = [];
      let deposit = 0n;
      for (const [i, { label, args }] of calls.entries()) {
        const dry = await this.dry(contract, address, label, args);
        if (!dry.answer.ok) {
          say(calls.length > 1 ? `Call ${i + 1} of ${calls.length}: ${dry.answer.words}` : dry.answer.words, true);
          return false;
        }
        deposit += dry.deposit;
        txs.push(this.contracts[contract].tx[method(label)]({ gasLimit: dry.gasRequired, storageDepositLimit: null }, ...(args as never[])));
      }
      const tx = txs.length === 1 ? txs[0] : this.api.tx.utility.batchAll(txs);
      const info = await tx.paymentInfo(address);
      const cost = `fee about ${this.tokens(info.partialFee.toBigInt())}${deposit > 0n ? `, storage deposit ${this.tokens(deposit)} (returned when the data is removed)` : ""}`;
      say(`Waiting for your signature (${cost})…`);
      const injector = await web3FromAddress(address);
      return await new Promise<boolean>((resolve) => {
        tx.signAndSend(address, { signer: injector.signer }, ({ status, dispatchError }) => {
          if (dispatchError) {
            // Each call passed its dry run alone; together one was refused (a limit they share,
            // such as a budget line's cap), and the batch did nothing.
            const together = txs.length > 1 ? ` None of the ${txs.length} calls was made: each passed alone, so together they exceed a limit they share (such as a budget line's cap or what is unlocked). Send fewer at once.` : "";
            say(`Not done: ${this.dispatchInWords(dispatchError as never)}${together}`, true);
            resolve(false);
            return;
          }
          const progress = progressInWords(status.type as TxStatus, done);
          say(progress.text, progress.failed);
          // Done once in a block: the screens read the chain again while the progress line
          // goes on to "finalized" (or says if the block was retracted).
          if (status.isInBlock) resolve(true);
          if (progress.over) resolve(!progress.failed);
        }).catch((e: Error) => {
          say(sendErrorInWords(e.message), true);
          resolve(false);
        });
      });
    } catch (e) {
      say(sendErrorInWords((e as Error).message), true);
      return false;
    } finally {
      this.busy = false;
      document.dispatchEvent(new CustomEvent("tx-busy", { detail: false }));
    }
  }
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
