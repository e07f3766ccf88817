// Chart.js (Debian's libjs-chart.js, loaded as /static/chart.js, a global
// Chart) behind one helper; the charts of a page are destroyed when the
// page is left.
import {h} from './dom.js';

const live = [];

const PALETTE = ['#2f5d8a', '#c0504d', '#9bbb59', '#8064a2', '#f79646', '#4bacc6',
  '#7f6000', '#e377c2', '#7f7f7f', '#17becf', '#bcbd22', '#8c564b'];

export function color(i) {
  return PALETTE[i % PALETTE.length];
}

// A canvas in a figure with a caption; config is Chart.js's. Without
// Chart.js the figure says so instead of breaking the page.
export function chart(caption, config) {
  const canvas = h('canvas', {role: 'img', 'aria-label': caption});
  const fig = h('figure', {class: 'chart'}, h('div', {class: 'chart-box'}, canvas), h('figcaption', {}, caption));
  if (typeof window.Chart !== 'function') {
    fig.appendChild(h('p', {class: 'msg error'}, 'Charts are unavailable: /static/chart.js did not load.'));
    return fig;
  }
  config.options = Object.assign({responsive: true, maintainAspectRatio: false, animation: false}, config.options || {});
  // Chart.js needs the canvas in the document to size it: draw next frame.
  const draw = (tries) => {
    if (canvas.isConnected) live.push(new window.Chart(canvas, config));
    else if (tries > 0) requestAnimationFrame(() => draw(tries - 1));
  };
  requestAnimationFrame(() => draw(20));
  return fig;
}

export function destroyCharts() {
  while (live.length) live.pop().destroy();
}
