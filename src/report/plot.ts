/**
 * Renders Vega-Lite specifications to SVG in Node, without a browser: the report's plots.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** The look shared by every plot: readable fonts, no chart border. */
const CONFIG = {
  font: 'sans-serif',
  axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridColor: '#eeeeee' },
  legend: { labelFontSize: 11, titleFontSize: 12, orient: 'right', labelLimit: 320 },
  title: { fontSize: 14, anchor: 'start' },
  view: { stroke: null },
} as const;

/**
 * Renders a Vega-Lite spec to SVG text.
 * @param spec - the spec (its `config` is merged over the report's)
 * @returns the SVG
 */
export async function renderPlot(spec: TopLevelSpec): Promise<string> {
  const withConfig = { ...spec, config: { ...CONFIG, ...(spec.config ?? {}) } } as TopLevelSpec;
  const view = new vega.View(vega.parse(compile(withConfig).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}
