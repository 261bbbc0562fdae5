// Debian's chromium and firefox-esr are used instead (see .ci/run); puppeteer's download fails offline.
module.exports = { skipDownload: true };
