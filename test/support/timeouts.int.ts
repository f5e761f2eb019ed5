// Integration tests talk to real brokers and databases; each still waits with explicit deadlines.
jest.setTimeout(120_000);
