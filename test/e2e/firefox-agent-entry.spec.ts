// The Agent entry in Firefox (the agent's own session, above the interactions list): an agent with
// no call changes its state through the desktop's REST API and the change fails. The panel shows
// the entry with its state and the failure, the Agent lane and the Agent req. lane, the request row
// with its outcome, and a state change's details. Driven by puppeteer-core over WebDriver BiDi.
import { expect, test } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { startSimulator, type Simulator } from '../sim/server';
import { launchFirefoxWithExtension, type FirefoxWithExtension } from './firefox';

/** What a person sees of the Agent entry and its view: texts of elements that have a box in the viewport. */
function read(panel: Page) {
  return panel.evaluate(() => {
    const shown = (el: Element | null): el is HTMLElement => {
      if (!el) return false;
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
    };
    const texts = (selector: string) =>
      [...document.querySelectorAll(selector)].filter(shown).map((el) => el.textContent?.trim() ?? '');
    const entry = document.querySelector('.agent-entry');
    const facts = (region: string) =>
      Object.fromEntries(
        // A fact is a `display: contents` pair: its value (dd) is what has a box.
        [...document.querySelectorAll<HTMLElement>(`[aria-label="${region}"] [data-fact]`)]
          .filter((el) => shown(el.querySelector('dd')))
          .map((el) => [el.dataset.fact, el.querySelector('dd')?.textContent ?? '']),
      );
    return {
      entry: shown(entry)
        ? {
            text: entry.textContent ?? '',
            state: entry.querySelector('.state')?.textContent ?? '',
            selected: entry.classList.contains('selected'),
          }
        : null,
      head: texts('.interaction-head.agent-head'),
      lanes: texts('.lanes .lane-name'),
      agentBars: [...document.querySelectorAll('.lanes .seg-agent')]
        .filter(shown)
        .map((el) => el.getAttribute('aria-label') ?? ''),
      requestBars: [...document.querySelectorAll('.lanes .seg-request')].filter(shown).map((el) => el.className),
      requestRows: [...document.querySelectorAll<HTMLElement>('.timeline .request-row')]
        .filter(shown)
        .map((el) => ({ seq: Number(el.dataset.seq), className: el.className, text: el.textContent ?? '' })),
      agentRows: [...document.querySelectorAll<HTMLElement>('.timeline .agent-event')]
        .filter(shown)
        .map((el) => ({ seq: Number(el.dataset.seq), className: el.className, text: el.textContent ?? '' })),
      requestFacts: facts('Request details'),
      agentTitle: texts('.agent-event-details .details-title'),
      agentFacts: facts('Agent event details'),
      note: texts('.request-note'),
    };
  });
}

/** The Agent entry header's state: its text, and whether its box cuts it. */
const headState = (panel: Page) =>
  panel.evaluate(() => {
    const state = document.querySelector<HTMLElement>('.agent-head .state')!;
    // Its text's own width against its box's (scrollWidth rounds away a fraction of a pixel, which
    // is enough to draw an ellipsis).
    const range = document.createRange();
    range.selectNodeContents(state);
    const box = state.getBoundingClientRect().width;
    return { text: state.textContent, cut: range.getBoundingClientRect().width > box + 0.01, width: box };
  });

type Seen = Awaited<ReturnType<typeof read>>;

async function until<T>(panel: Page, pick: (seen: Seen) => T, timeout = 15_000): Promise<Seen> {
  await expect.poll(async () => Boolean(pick(await read(panel))), { timeout }).toBe(true);
  return read(panel);
}

test('Firefox: the Agent entry shows the agent’s state lane, its failed state change request and a state change’s details', async () => {
  test.setTimeout(90_000);
  let sim: Simulator | undefined;
  let ff: FirefoxWithExtension | undefined;
  let panel: Page | undefined;
  try {
    sim = await startSimulator({ port: 0, scenario: 'agent-idle-requests', keepaliveMs: 1000 });
    ff = await launchFirefoxWithExtension();
    const pageUrl = `${sim.pageUrl}?keepalive=1000`;
    const page = await ff.newPage(pageUrl);
    await sim.waitForConnections(1);
    await sim.onIdle();
    // Going Available: the API acknowledges (202), the socket answers AgentStateChangeFailed.
    const change = await page.evaluate(() =>
      (
        window as unknown as {
          __desktop: { api: Record<string, (state: string) => Promise<{ status: number }>> };
        }
      ).__desktop.api['setState']!('Available'),
    );
    expect(change.status).toBe(202);
    await expect.poll(() => sim!.apiCalls().length).toBe(1);

    panel = await ff.openPanel(await ff.tabIdOf(pageUrl));
    await panel.setViewport({ width: 1400, height: 800 });

    // No interaction: the Agent entry is shown and picked, its state the supervisor's last change.
    // The chart draws a task after the entry (the view's first render is two frames): wait for both.
    let seen = await until(panel, (s) => s.entry?.text.includes('1 failed') && s.requestBars.length > 0, 30_000);
    expect(seen.entry!.selected).toBe(true);
    expect(seen.entry!.text).toMatch(/^Agent/);
    expect(seen.entry!.state).toBe('Idle');
    expect(seen.entry!.text).toContain('1 request');
    expect(seen.head.join(' ')).toContain('the whole capture');

    // Its chart: the Agent lane with the state's bar, and the Agent req. lane with the failed request.
    expect(seen.lanes).toEqual(expect.arrayContaining(['Agent', 'Agent req.']));
    expect(seen.agentBars.some((label) => /^Agent LoggedIn\/Idle from /.test(label))).toBe(true);
    expect(seen.requestBars.filter((c) => c.includes('outcome-failed'))).toHaveLength(1);

    // The request row in the agent's timeline: PUT …/state, failed; clicked, its details.
    expect(seen.requestRows).toHaveLength(1);
    expect(seen.requestRows[0]!.className).toContain('outcome-failed');
    expect(seen.requestRows[0]!.text).toMatch(/PUT …\/?.*state/);
    await panel.click('.timeline .request-row');
    seen = await until(panel, (s) => s.requestFacts['Outcome']);
    expect(seen.requestFacts['Outcome']).toBe('✗ failed');
    expect(JSON.stringify(seen.requestFacts)).toContain('AGENT_NOT_FOUND');
    // Its result, the AgentStateChangeFailed row, is marked as joined to it.
    seen = await until(panel, (s) =>
      s.agentRows.find((r) => r.text.includes('AgentStateChangeFailed'))?.className.includes('joined'),
    );

    // A state change's details: the supervisor's change of the idle reason to Lunch.
    const lunch = seen.agentRows.find((r) => r.text.includes('AgentStateChangeSuccess') && r.text.includes('Lunch'));
    expect(lunch, 'the Lunch state change row').toBeDefined();
    await panel.click(`.timeline .agent-event[data-seq="${lunch!.seq}"]`);
    seen = await until(panel, (s) => s.agentFacts['reason']);
    expect(seen.agentTitle).toEqual([`#${lunch!.seq} AgentStateChangeSuccess`]);
    expect(seen.agentFacts).toMatchObject({
      status: 'Idle',
      subStatus: 'Idle',
      reason: 'Lunch',
      'changed by': 'Dana Agent',
    });
    expect(seen.agentFacts['time']).toContain(`(seq ${lunch!.seq})`);
    expect(seen.agentRows.find((r) => r.seq === lunch!.seq)!.className).toContain('selected');

    await panel.setViewport({ width: 1400, height: 300 });
    expect(await headState(panel)).toMatchObject({ text: 'Idle', cut: false });
    await panel.screenshot({ path: 'test-results/firefox-agent-entry-bottom.png' });
    await panel.setViewport({ width: 500, height: 700 });
    // Docked at the side the header's state reads whole: the agent id gives way first (it had
    // cut the state to "Idl", with no ellipsis: Firefox draws none in a box narrower than "…").
    expect(await headState(panel)).toMatchObject({ text: 'Idle', cut: false });
    await panel.screenshot({ path: 'test-results/firefox-agent-entry-side.png' });
  } catch (error) {
    if (ff) console.log(`Firefox console:\n${ff.logs.join('\n')}`);
    if (panel) console.log(`The panel showed: ${JSON.stringify(await read(panel).catch(String))}`);
    if (sim) console.log(`API calls: ${JSON.stringify(sim.apiCalls())}`);
    throw error;
  } finally {
    try {
      await ff?.close();
    } finally {
      await sim?.close();
    }
  }
});
