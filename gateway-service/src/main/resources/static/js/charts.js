// Charts for the governance pages: Chart.js (served by the gateway as a webjar) draws a bar or line chart, and a table
// with the same numbers goes under it, so nothing is shown only as a picture.
'use strict';

const Charts = {
  COLOURS: ['#005eb8', '#007f3b', '#d5281b', '#ffb81c', '#330072', '#4c6272', '#ae2573', '#00a499'],

  /**
   * A figure with a caption, a chart of one or more series over the same labels, and the table of the numbers.
   * series: [{label, values}]; options: {type: 'bar'|'line', stacked, horizontal, unit}.
   */
  figure(id, caption, labels, series, options = {}) {
    const canvas = Trust.el('canvas', {id: id + '-chart', role: 'img', 'aria-label': caption + ': the numbers are in the table below'});
    const table = Trust.el('table', {id: id + '-table', class: 'chart-data'},
        Trust.el('caption', {class: 'muted', text: caption}),
        Trust.el('thead', {}, Trust.el('tr', {}, Trust.el('th', {scope: 'col', text: options.labelHeading || ''}),
            series.map(s => Trust.el('th', {scope: 'col', text: s.label})))),
        Trust.el('tbody', {}, labels.map((label, i) => Trust.el('tr', {'data-label': label},
            Trust.el('th', {scope: 'row', text: label}),
            series.map(s => Trust.el('td', {text: String(s.values[i]) + (options.unit || '')}))))));
    const figure = Trust.el('figure', {id, class: 'chart'}, Trust.el('figcaption', {text: caption}),
        Trust.el('div', {class: 'chart-box'}, canvas), table);
    // Drawn once the figure is on the page (Chart.js measures its container).
    queueMicrotask(() => new Chart(canvas, {
      type: options.type || 'bar',
      data: {labels, datasets: series.map((s, i) => ({label: s.label, data: s.values,
        backgroundColor: Charts.COLOURS[i % Charts.COLOURS.length], borderColor: Charts.COLOURS[i % Charts.COLOURS.length]}))},
      options: {animation: false, maintainAspectRatio: false, indexAxis: options.horizontal ? 'y' : 'x',
        plugins: {legend: {display: series.length > 1}},
        // Counts have whole-number ticks; shares keep one decimal.
        scales: {x: {stacked: Boolean(options.stacked), ticks: {precision: options.unit ? 1 : 0}},
          y: {stacked: Boolean(options.stacked), beginAtZero: true, ticks: {precision: options.unit ? 1 : 0}}}}
    }));
    return figure;
  }
};
