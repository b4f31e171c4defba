package main

import (
	"errors"
	"strings"

	"github.com/spf13/cobra"

	"etatcivil/civil"
)

// The command line's words for the domain's. civil, registry and agenda
// name what they refuse by domain field ("motif", "officier",
// "enfant.prenoms[1]") and suggest next steps by what they do
// (civil.SeeOfficers); this file is the one place where a field becomes
// the option that gives it, and a step the command to type.

// fieldFlags names the options whose name is not the domain field they
// give.
var fieldFlags = map[string]string{
	"rappel_sauvegarde_heures": "rappel-heures",
	"rappel_sauvegarde_actes":  "rappel-actes",
	"verrou_guichet_minutes":   "verrou-minutes",
}

// fieldArgs names, per command, the argument that gives a domain field.
var fieldArgs = map[string]map[string]string{
	"etatcivil officier revoquer": {"officier": "ID"},
	"etatcivil rdv annuler":       {"numero": "NUMERO"},
	"etatcivil rdv deplacer":      {"numero": "NUMERO"},
}

// fieldText names a domain field as the clerk gave it to cmd: the option
// ("--motif") when cmd has one for it, the argument ("ID") for those of
// fieldArgs, else the field itself (a field of an act file, a line of a
// file, "référence"). Fields joined by "/" ("de/a") are named each. With
// no command (the demonstration), the field itself.
func fieldText(cmd *cobra.Command, field string) string {
	if cmd == nil {
		return field
	}
	parts := strings.Split(field, "/")
	for i, f := range parts {
		if a, ok := fieldArgs[cmd.CommandPath()][f]; ok {
			parts[i] = a
			continue
		}
		flag := strings.ReplaceAll(f, "_", "-")
		if d, ok := strings.CutPrefix(f, "donnees."); ok {
			// A mention's data: donnees.decision.date is --decision-date,
			// donnees.prenoms[2] is --prenoms.
			if i := strings.IndexByte(d, '['); i >= 0 {
				d = d[:i]
			}
			flag = strings.NewReplacer(".", "-", "_", "-").Replace(d)
			if d == civil.KeyDecision && cmd.LocalFlags().Lookup("decision-autorite") != nil {
				// The decision as a whole: its three options.
				parts[i] = "--decision-autorite, --decision-date, --decision-reference"
				continue
			}
		}
		if alias, ok := fieldFlags[f]; ok {
			flag = alias
		}
		if cmd.LocalFlags().Lookup(flag) != nil {
			parts[i] = "--" + flag
		}
	}
	return strings.Join(parts, "/")
}

// stepTexts writes each next step as the command to type, in French: what
// it does, then the command; args are those of civil.Next, placeholders
// stand for those not given.
var stepTexts = map[civil.Step]func(args []string) string{
	civil.SeeOfficers:  fixed("liste des officiers : etatcivil officier lister"),
	civil.AddOfficer:   fixed("ajouter un officier : etatcivil officier ajouter --id ID --prenoms P --nom NOM --qualite QUALITE"),
	civil.SeeActs:      fixed("liste des actes : etatcivil lister"),
	civil.SearchPeople: fixed("retrouver un acte par un nom : etatcivil recherche NOM"),
	civil.CorrectDraft: func(a []string) string {
		return "corriger le brouillon : etatcivil corriger " + arg(a, 0, "REF") + " (saisie guidée, ou --fichier F)"
	},
	civil.SignAct: func(a []string) string {
		return "enregistrer la signature : etatcivil signer " + arg(a, 0, "REF")
	},
	civil.CancelDraft: func(a []string) string {
		return "annuler le brouillon : etatcivil annuler " + arg(a, 0, "REF") + " --motif …"
	},
	civil.AddMention: func(a []string) string {
		if n := arg(a, 1, ""); n != "" {
			return "ajouter la mention : etatcivil mention ajouter " + arg(a, 0, "REF") + " --nature " + n + " (les données sont demandées une à une)"
		}
		return "ajouter une mention : etatcivil mention ajouter " + arg(a, 0, "REF") + " (nature et données demandées une à une)"
	},
	civil.DrawUpAct: func(a []string) string {
		k := civil.Kind(arg(a, 0, "naissance"))
		return "dresser l'acte : etatcivil " + k.Command() + " --fichier F"
	},
	civil.SeeClock:     fixed("état de l'horloge : etatcivil horloge"),
	civil.ConfirmClock: fixed("constat de l'officier : etatcivil horloge --confirmer --officier ID"),
	civil.PublishBanns: fixed("nouvelle publication : etatcivil bans publier --fichier bans.json"),
	civil.SeeBanns:     fixed("publications enregistrées : etatcivil bans lister"),
	civil.SeeNotices:   fixed("avis à envoyer : etatcivil mentions a-envoyer"),
	civil.SeeDay: func(a []string) string {
		return "agenda du jour : etatcivil rdv jour " + arg(a, 0, "AAAA-MM-JJ")
	},
	civil.OpenSlots:      fixed("ouvrir des créneaux : etatcivil rdv ouvrir --jour AAAA-MM-JJ --de HH:MM --a HH:MM --duree MIN"),
	civil.BookSlot:       fixed("prendre un rendez-vous : etatcivil rdv prendre --jour AAAA-MM-JJ --heure HH:MM --nom \"Prénoms NOM\" --telephone NUM --objet OBJET"),
	civil.RunControl:     fixed("contrôle du registre : etatcivil controle"),
	civil.MakeBackup:     fixed("sauvegarder d'abord : etatcivil sauvegarde -o F"),
	civil.CreateRegister: fixed("créer le registre : etatcivil init --commune NOM --departement NOM"),
	civil.ChooseFolder:   fixed("autre dossier : --dossier DOSSIER"),
	civil.SetNumbering: func(a []string) string {
		s := "fixer la numérotation : etatcivil numerotation --registre " + arg(a, 0, "R") + " --annee " + arg(a, 1, "A") + " --dernier " + arg(a, 2, "N")
		if arg(a, 2, "") == "" {
			s += "\n    (N : le dernier numéro donné cette année par le système principal ou sur le registre papier ; --dernier 0 seulement si la mairie n'a dressé aucun acte de ce registre cette année)"
		}
		return s
	},
	civil.PrintSheet: func(a []string) string {
		ref := arg(a, 0, "REF")
		return "imprimer la feuille : etatcivil imprimer " + ref + " -o " + strings.ReplaceAll(ref, "/", "-") + ".pdf"
	},
	civil.ShowAct: func(a []string) string {
		return "voir l'acte : etatcivil afficher " + arg(a, 0, "REF")
	},
	civil.ConfirmDuplicate: fixed("si c'est bien un autre événement : relancez la commande avec --doublon-confirme"),
	civil.CompactRegister:  fixed("mettre le registre au nouveau format (une fois) : etatcivil compacter"),
	civil.SameDisk:         fixed("pour une copie de dépannage sur ce disque malgré tout : relancez la commande avec --meme-disque"),
	civil.DrawUp: func(a []string) string {
		if r := arg(a, 0, ""); r != "" {
			return "le jour de la célébration, dresser l'acte : etatcivil dresser " + r
		}
		return "dresser les mariages du jour : etatcivil dresser --du-jour"
	},
	civil.Unnumber: func(a []string) string {
		return "rendre au mariage son état de mariage prévu : etatcivil preparer " + arg(a, 0, "REF")
	},
	civil.Force:             fixed("pour forcer : relancez la commande avec --force"),
	civil.ReplaceKey:        fixed("pour la remplacer : relancez la commande avec --remplacer"),
	civil.SkipBadLines:      fixed("pour importer les autres lignes : relancez la commande avec --ignorer-erreurs"),
	civil.RestoreBackup:     fixed("restaurer la dernière sauvegarde : etatcivil restaurer SAUVEGARDE --identite CLE-DE-SECOURS [--certificat commune.pem]"),
	civil.CreateRecoveryKey: fixed("créer la clé de secours : etatcivil secours creer -o FICHIER"),
	civil.SignRecoveryKey:   fixed("faire signer la clé de secours par le sceau : etatcivil secours signer"),
	civil.AcceptLoss:        fixed("si ces écritures sont perdues pour de bon : etatcivil temoin accepter --officier ID --motif TEXTE, puis ressaisissez-les"),
	civil.SetOfficerPhrase: func(a []string) string {
		return "phrase personnelle de l'officier : etatcivil officier phrase " + arg(a, 0, "ID")
	},
	civil.SetSealPhrase:     fixed("nouvelle phrase du sceau : etatcivil cles phrase"),
	civil.ExportRevocations: fixed("liste de révocation pour les partenaires : etatcivil cles revocations -o revocations.pem"),
}

func fixed(s string) func([]string) string { return func([]string) string { return s } }

// arg returns args[i], or placeholder when it is not given.
func arg(args []string, i int, placeholder string) string {
	if i < len(args) && args[i] != "" {
		return args[i]
	}
	return placeholder
}

// stepText writes a next step as the command to type.
func stepText(n civil.Next) string {
	if t, ok := stepTexts[n.Step]; ok {
		return t(n.Args)
	}
	return ""
}

// problemText writes a problem as the command line shows it: the field
// as the clerk gave it to cmd, the rule, the hint, then each next step as
// the command to type.
func problemText(cmd *cobra.Command, p civil.Problem) string {
	var next []string
	for _, n := range p.Next {
		if t := stepText(n); t != "" {
			next = append(next, t)
		}
	}
	return p.Format(fieldText(cmd, p.Field), next)
}

// refusalText writes a refusal as the command line shows it.
func refusalText(cmd *cobra.Command, r *civil.RefusedError) string {
	return r.Format(func(p civil.Problem) string { return problemText(cmd, p) })
}

// errorText writes an error as the command line shows it: a refusal with
// its fields and steps (see refusalText), anything else as it says.
func errorText(cmd *cobra.Command, err error) string {
	var r *civil.RefusedError
	if errors.As(err, &r) {
		return refusalText(cmd, r)
	}
	return err.Error()
}
