import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layer rule of ARCHITECTURE.md, checked on every import in `src/`: dependencies point down
 * only, and `src/capture/` (browser contexts) is reached only from `entrypoints/` and the UI's one
 * host adapter.
 */
const SRC = path.resolve(__dirname, '../../src');

/** For each top folder of `src/`, the top folders it may import (besides itself). */
const MAY_IMPORT: Record<string, readonly string[]> = {
  frame: [],
  protocol: ['frame'],
  model: ['frame', 'protocol'],
  io: ['frame', 'protocol'],
  capture: ['frame'],
  replay: ['frame', 'protocol', 'model', 'io'],
  cli: ['frame', 'protocol', 'model', 'io', 'replay'],
  ui: ['frame', 'protocol', 'model', 'io'],
  // The in-page overlay: its background part runs the model and masks with the redaction's
  // pseudonyms (io); its page part draws summaries with the panel's formatting (ui). It never
  // reaches the capture: the background entrypoint hands it a subscription to the hub.
  overlay: ['frame', 'protocol', 'model', 'io', 'ui'],
};
/** Files allowed one import outside their layer's list, with the reason. */
const EXCEPTIONS: Record<string, readonly string[]> = {
  // The UI's one adapter to the browser and the capture's panel side.
  'ui/host.ts': ['capture'],
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specs: string[] = [];
  for (const match of text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)) specs.push(match[1]!);
  return specs;
}

function topFolderOf(absolute: string): string | undefined {
  const relative = path.relative(SRC, absolute);
  if (relative.startsWith('..')) return undefined;
  return relative.split(path.sep)[0];
}

describe('layer rule', () => {
  const files = sourceFiles(SRC);

  it('knows every top folder of src/', () => {
    const folders = fs
      .readdirSync(SRC, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(folders.sort()).toEqual(Object.keys(MAY_IMPORT).sort());
  });

  it('every import in src/ points down', () => {
    const violations: string[] = [];
    for (const file of files) {
      const relativeFile = path.relative(SRC, file).split(path.sep).join('/');
      const layer = relativeFile.split('/')[0]!;
      const allowed = new Set([layer, ...MAY_IMPORT[layer]!, ...(EXCEPTIONS[relativeFile] ?? [])]);
      for (const spec of importsOf(file)) {
        let target: string | undefined;
        if (spec.startsWith('@/src/')) target = path.join(SRC, spec.slice('@/src/'.length));
        else if (spec.startsWith('.')) target = path.resolve(path.dirname(file), spec);
        else continue;
        const targetLayer = topFolderOf(target);
        if (targetLayer === undefined) violations.push(`${relativeFile} imports ${spec} (outside src/)`);
        else if (!allowed.has(targetLayer)) violations.push(`${relativeFile} imports ${spec} (${targetLayer})`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('the layer rule is not vacuous: a capture import from the model would be caught', () => {
    expect(MAY_IMPORT.model).not.toContain('capture');
    expect(files.some((f) => f.includes(`${path.sep}capture${path.sep}page${path.sep}`))).toBe(true);
  });
});
