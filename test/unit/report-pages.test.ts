/**
 * Reports that read many cases read them a page at a time (pagesOf in
 * platform/api/report-queries.ts): every row once, in order, each page starting after the
 * last row of the one before, and no page beyond the last.
 */
import { pagesOf } from '../../platform/api/report-queries';

/** A table of `n` rows with sortable ids, read the way a keyset query reads it; counts the reads. */
function table(n: number) {
  const rows = Array.from({ length: n }, (_, i) => ({ id: `c-${String(i).padStart(4, '0')}` }));
  const reads: (string | undefined)[] = [];
  const page = async (last: { id: string } | undefined, size: number) => {
    reads.push(last?.id);
    return rows.filter((r) => last === undefined || r.id > last.id).slice(0, size);
  };
  return { rows, reads, page };
}

async function collect<R>(pages: AsyncGenerator<R[]>): Promise<R[][]> {
  const out: R[][] = [];
  for await (const p of pages) out.push(p);
  return out;
}

describe('pagesOf', () => {
  it('reads every row once, in order, a page at a time', async () => {
    const t = table(7);
    const pages = await collect(pagesOf(t.page, 3));
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual(t.rows);
    expect(t.reads).toEqual([undefined, 'c-0002', 'c-0005']);
  });

  it('stops after a full last page with one read that finds nothing', async () => {
    const t = table(6);
    const pages = await collect(pagesOf(t.page, 3));
    expect(pages.map((p) => p.length)).toEqual([3, 3]);
    expect(t.reads).toEqual([undefined, 'c-0002', 'c-0005']);
  });

  it('reads an empty table once', async () => {
    const t = table(0);
    expect(await collect(pagesOf(t.page, 3))).toEqual([]);
    expect(t.reads).toEqual([undefined]);
  });
});
