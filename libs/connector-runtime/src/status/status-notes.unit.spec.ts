import { MAX_NOTE_LENGTH, StatusNotes } from './status-notes';

describe('status notes', () => {
  it('keeps the latest note per integration until taken, and wakes the reporter', () => {
    let wakes = 0;
    const notes = new StatusNotes(() => wakes++);
    notes.reportFor('a').note('first');
    notes.reportFor('a').note('  second  ');
    notes.reportFor('b').note('   ');
    expect(wakes).toBe(2);
    const taken = notes.take(['a', 'b']);
    expect([...taken.keys()]).toEqual(['a']);
    expect(taken.get('a')?.text).toBe('second');
    expect(notes.take(['a']).size).toBe(0);
  });

  it('gives back a note the reporter could not write, unless a newer one was made meanwhile', () => {
    const notes = new StatusNotes();
    notes.note('a', 'old a');
    notes.note('b', 'old b');
    const taken = notes.take(['a', 'b']);
    notes.note('a', 'new a');
    notes.restore(taken);
    const again = notes.take(['a', 'b']);
    expect(again.get('a')?.text).toBe('new a');
    expect(again.get('b')?.text).toBe('old b');
  });

  it('cuts a note longer than the limit, visibly', () => {
    const notes = new StatusNotes();
    notes.note('a', 'x'.repeat(MAX_NOTE_LENGTH + 50));
    const text = notes.take(['a']).get('a')!.text;
    expect(text).toHaveLength(MAX_NOTE_LENGTH);
    expect(text.endsWith('…')).toBe(true);
  });
});
