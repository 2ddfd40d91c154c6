import { describeFaultMatrix } from './matrix';
import { hologram } from './targets';

describeFaultMatrix(hologram);
