import { describeFaultMatrix } from './matrix';
import { vumiGo } from './targets';

describeFaultMatrix(vumiGo);
