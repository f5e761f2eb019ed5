#!/bin/sh
# Writes a service-account key whose token_uri points at this emulator (once; kept in the
# volume the sheets-connector mounts as SHEETS_CREDENTIALS_FILE), then runs the emulator.
set -eu
key_file="${SHEETS_EMULATOR_KEY_FILE:-/keys/service-account.json}"
token_uri="${SHEETS_EMULATOR_PUBLIC_URL:-http://sheets-emulator:28090}/token"
node -r @swc-node/register -e "
  require('./tools/sheets-emulator/src/service-account-key')
    .ensureServiceAccountKeyFile(process.argv[1], process.argv[2]);
" "$key_file" "$token_uri"
exec node -r @swc-node/register tools/sheets-emulator/src/main.ts
