// What the browser tests share: a deployment's manifest and metadata as the page sees them, the
// suite's contracts for checking chain state, and contract calls signed in the test process with
// dev keys (for the steps a test does not drive through the page).

import { ApiPromise, WsProvider } from "@polkadot/api";
import { ContractPromise } from "@polkadot/api-contract";
import type { KeyringPair } from "@polkadot/keyring/types";
import { readFileSync } from "node:fs";

export type Manifest = {
  target: string;
  addresses: Record<"governor" | "registry" | "reward_pool" | "bounty", string>;
  calendar: { start_ms: number; period_ms: number };
  token: { decimals: number };
};

/** The deployment the page opens at ?deployment=<name> (default: manifest). */
export function manifestOf(name = "manifest"): Manifest {
  return JSON.parse(readFileSync(`public/${name}.json`, "utf8"));
}

export interface Suite {
  api: ApiPromise;
  manifest: Manifest;
  governor: ContractPromise;
  registry: ContractPromise;
  pool: ContractPromise;
  bounty: ContractPromise;
  /** The largest weight a block takes: dry runs are never cut short. */
  gasLimit: never;
}

export async function connect(manifest: Manifest): Promise<Suite> {
  const api = await ApiPromise.create({ provider: new WsProvider(manifest.target) });
  const meta = (name: string) => JSON.parse(readFileSync(`public/metadata/${name}.json`, "utf8"));
  const at = manifest.addresses;
  return {
    api,
    manifest,
    governor: new ContractPromise(api, meta("governor"), at.governor),
    registry: new ContractPromise(api, meta("registry"), at.registry),
    pool: new ContractPromise(api, meta("reward_pool"), at.reward_pool),
    bounty: new ContractPromise(api, meta("bounty"), at.bounty),
    gasLimit: api.registry.createType("WeightV2", (api.consts.system.blockWeights as unknown as { maxBlock: unknown }).maxBlock) as never,
  };
}

/**
 * A read-only call's value (JSON): a message's `Result` unwrapped to its `Ok` value, failing the
 * test on a refusal.
 */
export async function read<T>(s: Suite, contract: ContractPromise, label: string, ...args: unknown[]): Promise<T> {
  const { result, output } = await contract.query[label](contract.address.toString(), { gasLimit: s.gasLimit }, ...(args as never[]));
  if (result.isErr) throw new Error(`${label}: ${result.asErr.toString()}`);
  const value = (output?.toJSON() as { ok: unknown }).ok;
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === "err") throw new Error(`${label} refused: ${JSON.stringify(value)}`);
    if (keys.length === 1 && keys[0] === "ok") return (value as { ok: T }).ok;
  }
  return value as T;
}

/** Sends `label` signed by `pair` after a dry run (a refusal fails the test), until in a block. */
export async function send(s: Suite, contract: ContractPromise, pair: KeyringPair, label: string, ...args: unknown[]): Promise<void> {
  const dry = await contract.query[label](pair.address, { gasLimit: s.gasLimit }, ...(args as never[]));
  const answer = dry.output?.toJSON() as { ok?: { err?: unknown } } | null;
  if (dry.result.isErr || (answer?.ok && typeof answer.ok === "object" && "err" in answer.ok)) {
    throw new Error(`${label} refused: ${JSON.stringify(dry.result.isErr ? dry.result.asErr.toJSON() : answer)}`);
  }
  await new Promise<void>((resolve, reject) =>
    contract.tx[label]({ gasLimit: dry.gasRequired, storageDepositLimit: null }, ...(args as never[]))
      .signAndSend(pair, { nonce: -1 }, ({ status, dispatchError }) => {
        if (dispatchError) reject(new Error(`${label}: ${dispatchError.toString()}`));
        if (status.isInBlock) resolve();
      })
      .catch(reject),
  );
}

/** A wallet's free balance. */
export async function freeOf(s: Suite, address: string): Promise<bigint> {
  return ((await s.api.query.system.account(address)) as unknown as { data: { free: { toBigInt(): bigint } } }).data.free.toBigInt();
}

/**
 * What `address` paid in the best block besides the call itself: the transaction fee and any
 * storage deposit the contract held from it. The node seals one block per transaction, so the
 * best block right after the page says "in block" is the claim's.
 */
export async function paidInBestBlock(api: ApiPromise, address: string): Promise<bigint> {
  const hash = await api.rpc.chain.getBlockHash();
  const events = (await (await api.at(hash)).query.system.events()) as unknown as Array<{
    event: { section: string; method: string; data: unknown[] & { toJSON(): unknown } };
  }>;
  let paid = 0n;
  for (const { event } of events) {
    const data = event.data.toJSON() as unknown[];
    if (event.section === "transactionPayment" && event.method === "TransactionFeePaid" && data[0] === address) {
      paid += BigInt(String(data[1]));
    }
    if (event.section === "contracts" && event.method === "StorageDepositTransferredAndHeld" && data[0] === address) {
      paid += BigInt(String(data[2]));
    }
  }
  return paid;
}
