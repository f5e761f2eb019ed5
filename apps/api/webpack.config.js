// Nest CLI's webpack build of the API (`nest build api`), plus a second bundle: the submission
// thread's entry, which the API starts as a worker from next to main.js.
const { dirname, join } = require('node:path');

module.exports = (options) => ({
  ...options,
  entry: {
    main: options.entry,
    'submission-thread': join(
      __dirname,
      'src/responses/submission-thread/submission-thread.worker.ts',
    ),
  },
  // Nest names the one bundle apps/api/main.js (under dist/): keep that folder for both.
  output: { ...options.output, filename: join(dirname(options.output.filename), '[name].js') },
});
