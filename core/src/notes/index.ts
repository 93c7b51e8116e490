export { noteTimeline, pinnedNoteEntries } from './note-timeline.ts';
export { notesModule } from './notes-module.ts';
