#include "chart.h"
int chart_compare(const dataset *ds, const chart_opts *o, chart_list *l) { (void)ds; (void)o; (void)l; return 0; }
