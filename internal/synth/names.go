package synth

// Surnames, most frequent first: the generator draws them with a Zipf law,
// so that MARTIN is as common in a generated register as in a real one
// and searches meet the same crowds. They mix the national list with the
// names of the Nord and of families from elsewhere, with accents,
// apostrophes, particles and spaces.
var surnames = []string{
	"MARTIN", "BERNARD", "THOMAS", "PETIT", "ROBERT", "RICHARD", "DURAND", "DUBOIS", "MOREAU", "LAURENT",
	"SIMON", "MICHEL", "LEFÈVRE", "LEROY", "ROUX", "DAVID", "BERTRAND", "MOREL", "FOURNIER", "GIRARD",
	"BONNET", "DUPONT", "LAMBERT", "FONTAINE", "ROUSSEAU", "VINCENT", "MÜLLER", "LEFEBVRE", "FAURE", "ANDRÉ",
	"MERCIER", "BLANC", "GUÉRIN", "BOYER", "GARNIER", "CHEVALIER", "FRANÇOIS", "LEGRAND", "GAUTHIER", "GARCIA",
	"PERRIN", "ROBIN", "CLÉMENT", "MORIN", "NICOLAS", "HENRY", "ROUSSEL", "MATHIEU", "GAUTIER", "MASSON",
	"MARCHAND", "DUVAL", "DENIS", "DUMONT", "MARIE", "LEMAIRE", "NOËL", "MEYER", "DUFOUR", "MEUNIER",
	"BRUN", "BLANCHARD", "GIRAUD", "JOLY", "RIVIÈRE", "LUCAS", "BRUNET", "GAILLARD", "BARBIER", "ARNAUD",
	"MARTINEZ", "GÉRARD", "ROCHE", "RENARD", "SCHMITT", "ROY", "LEROUX", "COLIN", "VIDAL", "CARON",
	"PICARD", "ROGER", "FABRE", "AUBERT", "LEMOINE", "RENAUD", "DUMAS", "LACROIX", "OLIVIER", "PHILIPPE",
	"BOURGEOIS", "PIERRE", "BENOÎT", "REY", "LECLERC", "PAYET", "ROLLAND", "LECLERCQ", "GUILLAUME", "LECOMTE",
	"LOPEZ", "JEAN", "DUPUY", "GUILLOT", "HUBERT", "BERGER", "CARPENTIER", "SANCHEZ", "DUPUIS", "MOULIN",
	"LOUIS", "DESCHAMPS", "HUET", "VASSEUR", "PEREZ", "BOUCHER", "FLEURY", "ROYER", "KLEIN", "JACQUET",
	"ADAM", "PARIS", "POIRIER", "MARTY", "AUBRY", "GUYOT", "CARRÉ", "CHARLES", "RENAULT", "CHARPENTIER",
	"MÉNARD", "MAILLARD", "BARON", "BERTIN", "BAILLY", "HERVÉ", "SCHNEIDER", "FERNANDEZ", "LE GALL", "COLLET",
	"LÉGER", "BOUVIER", "JULIEN", "PRÉVOST", "MILLET", "PERROT", "DANIEL", "LE ROUX", "COUSIN", "GERMAIN",
	"BRETON", "BESSON", "LANGLOIS", "RÉMY", "LE GOFF", "PELLETIER", "LÉVÊQUE", "PERRIER", "LEBLANC", "BARRÉ",
	"LEBRUN", "MARCHAL", "WEBER", "MALLET", "HAMON", "BOULANGER", "JACOB", "MONNIER", "MICHAUD", "RODRIGUEZ",
	"GUICHARD", "GILLET", "ÉTIENNE", "POULAIN", "TESSIER", "CHEVALLIER", "COLLIN", "CHAUVIN", "DA SILVA", "BOUCHET",
	"LEMAÎTRE", "BÉNARD", "MARÉCHAL", "HUMBERT", "REYNAUD", "ANTOINE", "PERRET", "BARTHÉLEMY", "CORDIER", "PICHON",
	"LEJEUNE", "GILBERT", "LAMY", "DELAUNAY", "PASQUIER", "CARLIER", "LAPORTE", "DELCOURT", "DEBRUYNE", "VANDAMME",
	"DEVOS", "DELATTRE", "DUHAMEL", "DECROIX", "LEBLOND", "DESCAMPS", "DELEPLANQUE", "VANDENBERGHE", "DESMET", "DECLERCQ",
	"VERMEERSCH", "DUCROCQ", "DEBAISIEUX", "WILLEMS", "DEWAELE", "LEFEBURE", "DHAINAUT", "BOUTRY", "HOCHART", "DUBRULLE",
	"N'DIAYE", "DIALLO", "TRAORÉ", "KONÉ", "DIOP", "N'GUESSAN", "BENALI", "HADDAD", "OUALI", "EL AMRANI",
	"BEN SAÏD", "BELKACEM", "MANSOURI", "CHERIF", "NGUYEN", "TRAN", "PEREIRA", "FERREIRA", "DOS SANTOS", "D'ALMEIDA",
	"KOWALSKI", "NOWAK", "VAN DEN BERGHE", "DE SMET", "DE LA FONTAINE", "DU PONT", "L'HERMITTE", "D'HONDT", "LE BIHAN", "CŒUR",
	"HAÜY", "DE BRUYNE", "O'NEILL", "D'ARTOIS", "LAÏDI",
}

// firstF and firstM are given names, recent and older ones mixed.
var firstF = []string{
	"Emma", "Jade", "Louise", "Alice", "Chloé", "Léa", "Manon", "Inès", "Zoé", "Léna", "Lina", "Rose", "Anna",
	"Ambre", "Mila", "Juliette", "Camille", "Agathe", "Éléonore", "Noémie", "Héloïse", "Maëlys", "Anaïs", "Clémence",
	"Océane", "Mélanie", "Aïcha", "Fatoumata", "Marie-Ève", "Anne-Sophie", "Chloë", "Zoë", "Maëva", "Noëlle",
	"Françoise", "Hélène", "Gisèle", "Bénédicte", "Odette", "Thérèse", "Josiane", "Ginette", "Jacqueline", "Monique",
	"Cécile", "Sylvie", "Nathalie", "Isabelle", "Sandrine", "Émilie", "Marie", "Jeanne", "Yasmine", "Mariama",
	"Joana", "Lætitia", "Solène", "Maïwenn", "Capucine", "Gaëlle",
}

var firstM = []string{
	"Gabriel", "Léo", "Raphaël", "Arthur", "Louis", "Jules", "Adam", "Maël", "Lucas", "Hugo", "Noah", "Gabin",
	"Sacha", "Paul", "Nathan", "Aaron", "Mohamed", "Éthan", "Timéo", "Noé", "Loïc", "Jean-Baptiste", "Jean-Pierre",
	"Pierre-Yves", "François", "Jérôme", "Stéphane", "Frédéric", "Benoît", "Théo", "Noël", "Karim", "Youssef",
	"Rémi", "Gaël", "André", "René", "Marcel", "Achille", "Gérard", "Michel", "Jacques", "Bernard", "Joël", "Hervé",
	"Amadou", "Rui", "Ahmed", "Mathéo", "Anaël", "Côme", "Zinédine", "Mickaël", "Thibault",
}

// places of birth outside the commune: neighbours, the rest of France and abroad.
var birthPlaces = []string{
	"Lille (Nord)", "Roubaix (Nord)", "Tourcoing (Nord)", "Villeneuve-d'Ascq (Nord)", "Armentières (Nord)",
	"Hazebrouck (Nord)", "Valenciennes (Nord)", "Dunkerque (Nord)", "Douai (Nord)", "Cambrai (Nord)",
	"Marcq-en-Barœul (Nord)", "Arras (Pas-de-Calais)", "Lens (Pas-de-Calais)", "Béthune (Pas-de-Calais)",
	"Amiens (Somme)", "Paris (Paris)", "Lyon (Rhône)", "Rouen (Seine-Maritime)", "Reims (Marne)",
	"Tournai (Belgique)", "Mouscron (Belgique)", "Dakar (Sénégal)", "Porto (Portugal)", "Alger (Algérie)",
	"Casablanca (Maroc)", "Varsovie (Pologne)", "Hô Chi Minh-Ville (Viêt Nam)",
}

var streets = []string{
	"rue de Lille", "rue du Bourg", "allée des Tilleuls", "rue Pasteur", "avenue de Dunkerque", "rue Victor-Hugo",
	"place de la République", "rue Nationale", "boulevard de la Liberté", "rue Solférino", "rue Gambetta",
	"rue Léon-Gambetta", "rue de l'Église", "rue Jean-Jaurès", "avenue du Peuple-Belge", "rue des Postes",
	"rue d'Arras", "rue Saint-Sauveur", "quai de l'Ouest", "rue Émile-Zola",
}

// jobs are professions, masculine then feminine: a person's is written in
// their own gender.
var jobs = [][2]string{
	{"infirmier", "infirmière"}, {"électricien", "électricienne"}, {"professeur des écoles", "professeure des écoles"},
	{"boulanger", "boulangère"}, {"aide-soignant", "aide-soignante"}, {"comptable", "comptable"}, {"chauffeur", "chauffeuse"},
	{"ingénieur", "ingénieure"}, {"vendeur", "vendeuse"}, {"agent d'entretien", "agente d'entretien"}, {"médecin", "médecin"},
	{"employé de bureau", "employée de bureau"}, {"cariste", "cariste"}, {"étudiant", "étudiante"},
	{"sans profession", "sans profession"}, {"retraité", "retraitée"}, {"architecte", "architecte"}, {"maçon", "maçonne"},
	{"secrétaire", "secrétaire"}, {"technicien", "technicienne"}, {"cuisinier", "cuisinière"}, {"avocat", "avocate"},
}

// kinDeclarants are a declarant's ties to the deceased, masculine then feminine.
var kinDeclarants = [][2]string{{"fils", "fille"}, {"époux", "épouse"}, {"frère", "sœur"}, {"neveu", "nièce"}, {"petit-fils", "petite-fille"}, {"voisin", "voisine"}}

// roots and endings make the long tail of rarer surnames: 1,700 names such
// as DUBREUIL, LE BRAS, VANDERHOEVEN, D'AUBIGNÉ.
var roots = []string{
	"DUB", "LEF", "MOR", "BOUR", "CHAR", "GAR", "LAM", "DEL", "VANDER", "BR", "COL", "FOUR", "GR", "HOU",
	"JAC", "LAB", "MAL", "PEL", "RAB", "SAL", "TAR", "VIL", "BAR", "CAM", "DES", "GOD", "LEC", "NOR", "PAR",
	"POUL", "RIV", "TOUR", "VER", "BEAU", "BOIS", "CHAP", "COUT", "DUCH", "FAV", "GAUD", "GUIL", "HÉR", "LAV",
	"MESN", "PIC", "QUEN", "ROB", "SAUV", "THIB", "VASS", "LE BR", "DE L", "D'AUB", "VAN H", "LE G",
}

var endings = []string{
	"ARD", "AUD", "EAU", "ET", "IN", "OIS", "IER", "ON", "OT", "AULT", "ELLE", "ERT", "ILLE", "OUX", "ANT",
	"EUX", "ÈS", "IGNÉ", "ETTE", "ENS", "AS", "Y", "OEVEN", "EUIL", "IÈRE", "ACQ", "EMONT", "ÔME", "ÇON", "UC", "AÏS",
}
