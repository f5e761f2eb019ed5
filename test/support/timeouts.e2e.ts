// End-to-end tests start whole apps as processes; each still waits with explicit deadlines.
jest.setTimeout(240_000);
