// Runs Lighthouse (mobile profile) over many URLs with one Chromium.
//
// Usage: node bench/lighthouse.mjs JOB.json
// JOB: {"urls": [...], "categories": ["accessibility", ...], "throttling": "simulate"}
// "throttling" is Lighthouse's throttlingMethod: "simulate" (its default, slow 4G
// and a 4x slower CPU, for performance figures) or "provided" (none: enough for
// accessibility, best practices and SEO, and much faster).
// Prints one JSON array: per URL its category scores (0-100), the audits of those
// categories that did not pass (with a few offending nodes), and LCP/CLS/TBT.
// CHROME_PATH picks the browser (Debian's /usr/bin/chromium by default).
import { readFileSync } from "node:fs";

import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

// Without the background-networking flags Chromium waits for the network on a
// machine without internet access.
const CHROME_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const QUICK_LOAD = {
  pauseAfterFcpMs: 0,
  pauseAfterLoadMs: 0,
  networkQuietThresholdMs: 0,
  cpuQuietThresholdMs: 0,
  skipAboutBlank: true,
};

function failedAudits(lhr, categories) {
  const failed = [];
  for (const category of categories) {
    for (const ref of lhr.categories[category].auditRefs) {
      const audit = lhr.audits[ref.id];
      if (ref.weight === 0 || audit.score === null || audit.score >= 1) continue;
      const items = (audit.details && audit.details.items) || [];
      failed.push({
        category,
        id: audit.id,
        title: audit.title,
        score: audit.score,
        displayValue: audit.displayValue || "",
        items: items.slice(0, 5).map((item) => ({
          url: (item.sourceLocation && item.sourceLocation.url) || item.url || null,
          source: item.source || null,
          text: item.node
            ? item.node.snippet
            : item.description || JSON.stringify(item).slice(0, 300),
        })),
      });
    }
  }
  return failed;
}

async function audit(url, job, port) {
  const started = Date.now();
  const { lhr } = await lighthouse(url, {
    port,
    output: "json",
    logLevel: process.env.LH_LOG || "error",
    onlyCategories: job.categories,
    throttlingMethod: job.throttling || "simulate",
    disableFullPageScreenshot: true,
    // Performance figures need the page to settle; the other categories read
    // the loaded document and need no waiting beyond the load event.
    ...(job.categories.includes("performance") ? {} : QUICK_LOAD),
    // Error pages (404, 410) are pages too; their status is checked by the
    // SEO audit "http-status-code" instead of stopping the run.
    ignoreStatusCode: true,
  });
  const scores = {};
  for (const category of job.categories) {
    const score = lhr.categories[category].score;
    scores[category] = score === null ? null : Math.round(score * 100);
  }
  const metric = (id) => (lhr.audits[id] ? lhr.audits[id].numericValue : null);
  return {
    url,
    finalUrl: lhr.finalDisplayedUrl,
    scores,
    failed: failedAudits(lhr, job.categories),
    runtimeError: lhr.runtimeError ? lhr.runtimeError.message : null,
    metrics: {
      lcp: metric("largest-contentful-paint"),
      cls: metric("cumulative-layout-shift"),
      tbt: metric("total-blocking-time"),
    },
    seconds: (Date.now() - started) / 1000,
  };
}

// With job.runs > 1 each page is measured that many times and its median run
// (by the first category's score) is reported, as Lighthouse's documentation
// advises for performance figures, which vary from run to run. A run that
// Lighthouse itself could not record (a runtimeError, "please run Lighthouse
// again") is repeated, at most twice per page.
function median(runs, category) {
  const sorted = [...runs].sort((a, b) => a.scores[category] - b.scores[category]);
  return { ...sorted[Math.floor((sorted.length - 1) / 2)], runs: runs.length };
}

const job = JSON.parse(readFileSync(process.argv[2], "utf8"));
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  chromeFlags: CHROME_FLAGS,
});
const results = [];
try {
  for (const url of job.urls) {
    const runs = [];
    let errored = null;
    let retries = 2;
    while (runs.length < (job.runs || 1)) {
      const result = await audit(url, job, chrome.port);
      if (result.runtimeError && retries-- > 0) {
        continue;
      }
      if (result.runtimeError) {
        errored = result;
        break;
      }
      runs.push(result);
    }
    results.push(errored || median(runs, job.categories[0]));
  }
} finally {
  await chrome.kill();
}
process.stdout.write(JSON.stringify(results, null, 1) + "\n");
