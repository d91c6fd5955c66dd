"use client";

import { useMemo } from "react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  Pie,
  PieChart,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { ResultColumn } from "@/lib/api/common";
import { chartData, type ChartSpec } from "@/lib/chart/chart-spec";

const COLORS = ["var(--chart-1)", "var(--chart-2)", "var(--chart-3)", "var(--chart-4)", "var(--chart-5)", "var(--chart-6)"];

const tick = { fontSize: 12, fill: "var(--muted-foreground)" };
const compact = (v: unknown) =>
  typeof v === "number" ? new Intl.NumberFormat(undefined, { notation: "compact", maximumFractionDigits: 1 }).format(v) : String(v);

/** Draws a {@link ChartSpec}: the spec says which chart and which columns; this only maps it to components. */
export function ResultChart({ spec, columns, rows }: { spec: ChartSpec; columns: ResultColumn[]; rows: unknown[][] }) {
  const data = useMemo(() => chartData(spec, columns, rows), [spec, columns, rows]);
  return (
    <figure data-testid="result-chart" data-chart-kind={spec.kind} className="h-64 w-full rounded-md border p-2">
      <figcaption className="sr-only">{describe(spec)}</figcaption>
      <ResponsiveContainer width="100%" height="100%">
        {renderChart(spec, data)}
      </ResponsiveContainer>
    </figure>
  );
}

function describe(spec: ChartSpec): string {
  switch (spec.kind) {
    case "line":
      return `Line chart of ${spec.y.join(", ")} over ${spec.x}`;
    case "bar":
      return `Bar chart of ${spec.y.join(", ")} by ${spec.x}`;
    case "pie":
      return `Pie chart of ${spec.value} by ${spec.category}`;
    case "scatter":
      return `Scatter plot of ${spec.y} against ${spec.x}`;
  }
}

function renderChart(spec: ChartSpec, data: Record<string, string | number | null>[]) {
  switch (spec.kind) {
    case "line":
      return (
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 4 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
          <XAxis dataKey={spec.x} tick={tick} />
          <YAxis tick={tick} tickFormatter={compact} width={48} />
          <Tooltip />
          {spec.y.length > 1 && <Legend />}
          {spec.y.map((y, i) => (
            <Line key={y} type="monotone" dataKey={y} stroke={COLORS[i % COLORS.length]} strokeWidth={2} dot={data.length <= 40} isAnimationActive={false} />
          ))}
        </LineChart>
      );
    case "bar":
      return (
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 4 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
          <XAxis dataKey={spec.x} tick={tick} interval="preserveStartEnd" />
          <YAxis tick={tick} tickFormatter={compact} width={48} />
          <Tooltip />
          {spec.y.length > 1 && <Legend />}
          {spec.y.map((y, i) => (
            <Bar key={y} dataKey={y} fill={COLORS[i % COLORS.length]} radius={[3, 3, 0, 0]} isAnimationActive={false} />
          ))}
        </BarChart>
      );
    case "pie":
      return (
        <PieChart>
          <Tooltip />
          <Legend />
          <Pie data={data} dataKey={spec.value} nameKey={spec.category} outerRadius="75%" isAnimationActive={false} label>
            {data.map((_, i) => (
              <Cell key={i} fill={COLORS[i % COLORS.length]} />
            ))}
          </Pie>
        </PieChart>
      );
    case "scatter":
      return (
        <ScatterChart margin={{ top: 8, right: 16, bottom: 4, left: 4 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
          <XAxis type="number" dataKey={spec.x} name={spec.x} tick={tick} tickFormatter={compact} />
          <YAxis type="number" dataKey={spec.y} name={spec.y} tick={tick} tickFormatter={compact} width={48} />
          <Tooltip />
          <Scatter data={data} fill={COLORS[0]} isAnimationActive={false} />
        </ScatterChart>
      );
  }
}
