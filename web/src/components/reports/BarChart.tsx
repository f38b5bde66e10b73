/**
 * A horizontal bar chart in SVG, one group per row and one bar per series, each bar
 * labelled with its figure (the colours are never the only way to tell series apart).
 * Screen readers get the title; every report shows the same figures as a table too.
 */
export interface Series {
  key: string;
  label: string;
  colour: string;
}

export function BarChart<Row extends Record<string, unknown>>({
  title,
  rows,
  label,
  series,
  unit = '',
}: {
  title: string;
  rows: Row[];
  label: (r: Row) => string;
  series: Series[];
  unit?: string;
}) {
  const value = (r: Row, k: string) => Number(r[k] ?? 0);
  const max = Math.max(1, ...rows.flatMap((r) => series.map((s) => value(r, s.key))));
  const group = series.length * 20 + 8;
  const id = `chart-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <svg
      className="mf-chart"
      role="img"
      aria-labelledby={id}
      viewBox={`0 0 640 ${rows.length * group + 10}`}
      width="100%"
    >
      <title id={id}>{title}</title>
      {rows.map((r, i) => (
        <g key={label(r)} transform={`translate(0 ${i * group + 5})`}>
          <text x="0" y="16" fontSize="13">
            {label(r)}
          </text>
          {series.map((s, j) => {
            const w = (value(r, s.key) / max) * 360;
            return (
              <g key={s.key}>
                <rect x="170" y={2 + j * 20} height="16" width={w} fill={s.colour} />
                <text x={176 + w} y={15 + j * 20} fontSize="12">
                  {value(r, s.key)}
                  {unit} {s.label}
                </text>
              </g>
            );
          })}
        </g>
      ))}
    </svg>
  );
}
