import type { FastifyInstance } from 'fastify';
import type { Emulator } from '../emulator';
import { escapeHtml } from './escape-html';
import { indexPage, spreadsheetPage } from './pages';

/** Plain HTML for people: the spreadsheets, and each one's tabs as tables. */
export function registerHtmlRoutes(app: FastifyInstance, emulator: Emulator): void {
  app.get('/', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(indexPage(emulator.store.list())),
  );
  app.get<{ Params: { id: string }; Querystring: { rows?: string; refresh?: string } }>(
    '/spreadsheets/:id',
    async (request, reply) => {
      const spreadsheet = emulator.store.get(request.params.id);
      if (!spreadsheet) {
        return reply
          .status(404)
          .type('text/html; charset=utf-8')
          .send(
            `<!doctype html><p>No spreadsheet ${escapeHtml(request.params.id)}. <a href="/">All spreadsheets</a></p>`,
          );
      }
      const rows = clamp(Number(request.query.rows ?? 200), 1, 5000, 200);
      const refreshSeconds = clamp(Number(request.query.refresh ?? 2), 0, 3600, 2);
      return reply
        .type('text/html; charset=utf-8')
        .send(spreadsheetPage(spreadsheet, { rows, refreshSeconds }));
    },
  );
}

function clamp(value: number, min: number, max: number, fallback: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, Math.floor(value))) : fallback;
}
