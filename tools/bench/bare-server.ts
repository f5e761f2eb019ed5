// The baseline of tools/bench/ingest.ts: Fastify with one route that only parses the JSON body.
import Fastify from 'fastify';

const app = Fastify({ bodyLimit: 1024 * 1024 });
app.post('/v1/forms/:formId/responses', async (request, reply) => {
  const body = request.body as { answers?: unknown[] };
  return reply.code(202).send({ answers: Array.isArray(body.answers) ? body.answers.length : 0 });
});
void app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' }).then(() => {
  process.stdout.write('listening\n');
});
