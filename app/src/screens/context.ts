import type { Chain } from "../chain";

/** What every screen knows: the chain, the signing account and its member id (if any). */
export interface Context {
  chain: Chain;
  address: string;
  member: number | null;
  /** Reads everything again (after a transaction is done). */
  refresh(): Promise<void>;
  /** Shows a transaction's progress or a refusal on the page's one progress line. */
  say(text: string, failed?: boolean): void;
}

/** A month's name under the manifest's calendar: "2026-11" or "period 42". */
export function monthLabel(chain: Chain, month: number): string {
  if (chain.manifest.calendar.kind === "utc-months") {
    return `${1970 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, "0")}`;
  }
  return `period ${month}`;
}

/** The month id `ms` falls in under the manifest's calendar. */
export function monthAt(chain: Chain, ms: number): number {
  const c = chain.manifest.calendar;
  if (c.kind === "utc-months") {
    const d = new Date(ms);
    return (d.getUTCFullYear() - 1970) * 12 + d.getUTCMonth();
  }
  return Math.max(0, Math.floor((ms - c.start_ms) / c.period_ms));
}
