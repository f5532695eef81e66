// A test wallet extension for the browser tests: the page sees an injected extension sharing
// the given dev accounts (and one Ethereum-type account, which the app must leave out), and each
// signature is made in the test process with the matching dev key.

import type { Page } from "@playwright/test";
import type { ApiPromise } from "@polkadot/api";
import { Keyring } from "@polkadot/keyring";
import type { KeyringPair } from "@polkadot/keyring/types";

export function pairs(uris: string[]): KeyringPair[] {
  const keyring = new Keyring({ type: "sr25519" });
  return uris.map((uri) => keyring.addFromUri(uri));
}

export async function injectWallet(page: Page, api: ApiPromise, accounts: Array<{ pair: KeyringPair; name: string }>) {
  await page.exposeFunction("__testSign", (payload: Record<string, unknown>) => {
    const signer = accounts.find((a) => a.pair.address === payload.address)?.pair;
    if (!signer) throw new Error(`no test key for ${String(payload.address)}`);
    const ext = api.registry.createType("ExtrinsicPayload", payload, { version: payload.version as number });
    return { id: 1, signature: ext.sign(signer).signature };
  });
  const shared = [
    ...accounts.map((a) => ({ address: a.pair.address, name: a.name, type: "sr25519" })),
    { address: "0x6Be02d1d3665660d22FF9624b7BE0551ee1Ac91b", name: "evm account", type: "ethereum" },
  ];
  await page.addInitScript((list) => {
    (window as unknown as { injectedWeb3: unknown }).injectedWeb3 = {
      "e2e-wallet": {
        version: "1.0.0",
        enable: async () => ({
          accounts: {
            get: async () => list,
            subscribe: (cb: (a: unknown[]) => void) => {
              cb(list);
              return () => undefined;
            },
          },
          signer: {
            signPayload: (p: unknown) => (window as unknown as { __testSign: (p: unknown) => unknown }).__testSign(p),
          },
        }),
      },
    };
  }, shared);
}
