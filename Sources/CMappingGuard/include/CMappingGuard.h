#ifndef DOSSIER_MAPPING_GUARD_H
#define DOSSIER_MAPPING_GUARD_H

#include <stddef.h>

/* Mapped files (the corpus index) that another program may cut short while they are read: a read past
   the file's new end raises SIGBUS. A guarded mapping's fault is handled (see mapping_guard.c): in the
   explorer the rest of the mapping becomes zeros and the damage is counted, so the explorer reads the
   corpus from its files again; elsewhere the program says why and exits 66. */

/* Guards [base, base + size), mapped from the file open at `descriptor` (kept, duplicated, to tell
   whether the file changes); false when every slot is taken (the mapping is then unguarded). */
int dossier_guard_mapping(const void *base, size_t size, int descriptor);
/* Before the mapping is unmapped. */
void dossier_unguard_mapping(const void *base);
/* Whether a fault in a guarded mapping is recovered from (the explorer) or ends the program. */
void dossier_mapping_set_recovering(int recovering);
int dossier_mapping_recovering(void);
/* How many times a guarded mapping was found damaged (a fault, or a record that did not decode). */
long dossier_mapping_damage_count(void);
void dossier_mapping_note_damage(void);
/* Counts as damage each guarded mapping's file whose size or modification time changed since it was
   mapped (written into in place: the bytes read may no longer be the ones checked). A file renamed
   over the path is another file, and leaves the mapped one as it was. */
void dossier_mappings_check_files(void);
/* For another SIGBUS handler (the terminal's): true when the fault at `address` was a guarded
   mapping's and was dealt with, so the handler returns and the read is retried. */
int dossier_mapping_fault(void *address);

#endif
