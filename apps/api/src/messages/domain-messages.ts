/** The catalogue's part for page writes, pages, units, coverage, reporting, snapshots, audit (writes/, pages/, units/, coverage/, reporting/, snapshots/, audit/). */
import { defineCatalogue } from './catalogue';

export const domainMessages = defineCatalogue({});
