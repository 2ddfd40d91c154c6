import { describeFaultMatrix } from './matrix';
import { syniverseScg } from './targets';

describeFaultMatrix(syniverseScg);
