/* The table says ABI 1.2 but its table_size is that of a 1.1 table (no room for
 * export_files): followup must refuse it when loading, never load it and then say that
 * a 1.2 plugin cannot export. */
#define FAULT_TABLE_SIZE FOLLOWUP_TABLE_SIZE_V1_1
#include "fault.h"
