import type { ResponseSubmitted } from '@collect/events';
import type { Pool } from 'pg';

interface FormTally {
  count: number;
  first: number;
  last: number;
}

/**
 * What a crash test's load put in Kafka (only responses Kafka acknowledged), and the proof that
 * the read model holds exactly that: every response once, no other, form_seq 1…n per form in log
 * order, every answer, every counter.
 */
export class CrashLoadLedger {
  private readonly responseIds = new Set<string>();
  private readonly forms = new Map<string, FormTally>();
  private answers = 0;

  accepted(responses: readonly ResponseSubmitted[]): void {
    for (const response of responses) {
      this.responseIds.add(response.responseId);
      this.answers += response.answers.length;
      const tally = this.forms.get(response.formId) ?? {
        count: 0,
        first: Infinity,
        last: -Infinity,
      };
      tally.count++;
      tally.first = Math.min(tally.first, response.submittedAt);
      tally.last = Math.max(tally.last, response.submittedAt);
      this.forms.set(response.formId, tally);
    }
  }

  get total(): number {
    return this.responseIds.size;
  }

  async verify(pool: Pool, formCount: number): Promise<void> {
    const { rows: ids } = await pool.query<{ response_id: string }>(
      'SELECT response_id FROM read_model.responses',
    );
    const stored = new Set(ids.map((row) => row.response_id));
    expect(ids.length).toBe(this.responseIds.size);
    expect([...this.responseIds].filter((id) => !stored.has(id))).toEqual([]);

    const { rows: sequences } = await pool.query<{
      form_id: string;
      n: number;
      lo: number;
      hi: number;
    }>(
      `SELECT form_id, count(*)::int AS n, min(form_seq)::int AS lo, max(form_seq)::int AS hi
         FROM read_model.responses GROUP BY form_id`,
    );
    expect(sequences.filter((s) => s.lo !== 1 || s.hi !== s.n)).toEqual([]);
    const { rows: outOfOrder } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (
         SELECT kafka_offset, lag(kafka_offset) OVER (PARTITION BY form_id ORDER BY form_seq) AS previous
           FROM read_model.responses) t
        WHERE previous >= kafka_offset`,
    );
    expect(outOfOrder).toEqual([{ n: 0 }]);

    const { rows: answers } = await pool.query<{ n: number; orphans: number }>(
      `SELECT count(*)::int AS n,
              count(*) FILTER (WHERE r.response_id IS NULL)::int AS orphans
         FROM read_model.answers a LEFT JOIN read_model.responses r USING (response_id)`,
    );
    expect(answers).toEqual([{ n: this.answers, orphans: 0 }]);

    const { rows: counters } = await pool.query<{
      form_id: string;
      count: number;
      first: Date;
      last: Date;
    }>(
      `SELECT form_id, response_count::int AS count, first_submitted_at AS first,
              last_submitted_at AS last FROM read_model.form_counters`,
    );
    expect(
      new Map(counters.map((c) => [c.form_id, [c.count, c.first.getTime(), c.last.getTime()]])),
    ).toEqual(new Map([...this.forms].map(([formId, t]) => [formId, [t.count, t.first, t.last]])));
    const { rows: forms } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM read_model.forms WHERE status = 'published'`,
    );
    expect(forms).toEqual([{ n: formCount }]);
  }
}
